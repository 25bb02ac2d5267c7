package dev.crosspost.message;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one way out of Crosspost: finds the outbound port of the target's kind and sends. Never sends a message
 * back to the channel it came from, and records a send to a switched-off channel as skipped.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Map<String, OutboundPort> ports;

    public Outbox(List<OutboundPort> ports) {
        this.ports = ports.stream().collect(Collectors.toUnmodifiableMap(OutboundPort::kind, Function.identity()));
    }

    public Delivery send(ChannelAddress target, OutgoingMessage message) {
        if (target.equals(message.originChannel())) {
            return skip(target, message, "the message came from this channel; it is never sent back");
        }
        OutboundPort port = ports.get(target.kind());
        if (port == null) {
            return skip(target, message, "no adapter sends to channels of kind '" + target.kind() + "'");
        }
        String unavailable = port.unavailableReason();
        if (unavailable != null) {
            return skip(target, message, unavailable);
        }
        await(port.send(target, message));
        log.info("out {} message {} (from message {})", target, message.id(), message.messageId());
        return Delivery.sent(message, target);
    }

    // Until the durable outbox lands (issue 11), a send still completes in the calling job.
    private static void await(java.util.concurrent.CompletableFuture<Void> sending) {
        try {
            sending.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Delivery skip(ChannelAddress target, OutgoingMessage message, String reason) {
        log.info("out {} message {} skipped: {}", target, message.id(), reason);
        return Delivery.skipped(message, target, reason);
    }
}

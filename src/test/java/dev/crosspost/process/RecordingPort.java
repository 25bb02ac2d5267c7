package dev.crosspost.process;

import java.util.ArrayList;
import java.util.List;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;

/** A fake outbound port for process tests: remembers what it was asked to send. */
public class RecordingPort implements OutboundPort {

    /** One send. */
    public record Sent(ChannelAddress target, OutgoingMessage message) {
    }

    private final String kind;
    private final List<Sent> sent = new ArrayList<>();

    public RecordingPort(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
        sent.add(new Sent(target, message));
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    public List<Sent> sent() {
        return sent;
    }
}

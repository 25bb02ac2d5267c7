package dev.crosspost.xmpp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one thread that takes in what comes over XMPP, room lines and direct messages alike, in the order Smack handed
 * them over (Smack's threads only filter and hand over). Each message goes to the {@link Inbox}; when the Inbox fails
 * (the database is away), the message is tried again later on this thread's timer, {@value #ATTEMPTS} times in all,
 * 1 s and then 2 s apart, and the messages of its channel that come meanwhile wait behind it, so that a channel's
 * messages are accepted in the order they were said (the soak's PostgreSQL restart put four room lines on the
 * shoutbox after later ones). The thread never sleeps: other channels' messages are taken in meanwhile.
 */
@Component
class InboundThread {

    private static final Logger log = LoggerFactory.getLogger(InboundThread.class);
    static final int ATTEMPTS = 3;

    private final Consumer<IncomingMessage> inbox;
    private final Duration backoff;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xmpp-inbound");
        t.setDaemon(true);
        return t;
    });
    /** Per channel, the message being tried again first and those that came after it; this thread's only. */
    private final Map<ChannelAddress, Deque<Pending>> waiting = new HashMap<>();

    private static final class Pending {
        final IncomingMessage message;
        final Runnable onGiveUp;
        int attempts;

        Pending(IncomingMessage message, Runnable onGiveUp) {
            this.message = message;
            this.onGiveUp = onGiveUp;
        }
    }

    @Autowired
    InboundThread(Inbox inbox) {
        this(inbox::acceptFromStream, Duration.ofSeconds(1));
    }

    /** {@code backoff}: the wait before the second attempt; the n-th waits n - 1 times it. */
    InboundThread(Consumer<IncomingMessage> inbox, Duration backoff) {
        this.inbox = inbox;
        this.backoff = backoff;
    }

    /** Runs {@code work} on the inbound thread, after what was handed over before it. */
    void execute(Runnable work) {
        thread.execute(work);
    }

    /**
     * Hands {@code message} to the Inbox now, or after the messages of its channel still waiting, and while it fails,
     * again later; {@code onGiveUp} runs on this thread when the last attempt failed (a person to tell that their
     * message was not passed on). Call it on this thread ({@link #execute}).
     */
    void accept(IncomingMessage message, Runnable onGiveUp) {
        Deque<Pending> queue = waiting.get(message.channel());
        if (queue != null) {
            queue.add(new Pending(message, onGiveUp));
            return;
        }
        queue = new ArrayDeque<>();
        queue.add(new Pending(message, onGiveUp));
        waiting.put(message.channel(), queue);
        drain(message.channel(), queue);
    }

    /** Tries the channel's waiting messages in order, until one fails (tried again later) or none is left. */
    private void drain(ChannelAddress channel, Deque<Pending> queue) {
        while (!queue.isEmpty()) {
            Pending head = queue.peek();
            head.attempts++;
            try {
                inbox.accept(head.message);
                queue.poll();
            } catch (RuntimeException e) {
                if (head.attempts >= ATTEMPTS) {
                    log.error("in  {} message from {} NOT accepted after {} attempts, text was: {}", channel,
                            head.message.sender(), head.attempts, head.message.text(), e);
                    queue.poll();
                    head.onGiveUp.run();
                    continue;
                }
                log.warn("in  {} message from {}: inbox failed ({}), trying again{}", channel, head.message.sender(),
                        e.toString(), queue.size() > 1 ? "; " + (queue.size() - 1) + " more of the channel wait" : "");
                try {
                    thread.schedule(() -> drain(channel, queue), backoff.toMillis() * head.attempts,
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    log.warn("in  {} {} message(s) NOT accepted: shutting down", channel, queue.size());
                }
                return;
            }
        }
        waiting.remove(channel);
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}

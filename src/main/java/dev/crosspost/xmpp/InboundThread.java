package dev.crosspost.xmpp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
 * 1 s and then 2 s apart. The thread never sleeps: the stanzas behind a failing one are taken in meanwhile.
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
     * Hands {@code message} to the Inbox now and, while it fails, again later; {@code onGiveUp} runs on this thread
     * when the last attempt failed (a person to tell that their message was not passed on).
     */
    void accept(IncomingMessage message, Runnable onGiveUp) {
        attempt(message, 1, onGiveUp);
    }

    private void attempt(IncomingMessage message, int attempt, Runnable onGiveUp) {
        try {
            inbox.accept(message);
        } catch (RuntimeException e) {
            if (attempt >= ATTEMPTS) {
                log.error("in  {} message from {} NOT accepted after {} attempts, text was: {}", message.channel(),
                        message.sender(), attempt, message.text(), e);
                onGiveUp.run();
                return;
            }
            log.warn("in  {} message from {}: inbox failed ({}), trying again", message.channel(), message.sender(),
                    e.toString());
            try {
                thread.schedule(() -> attempt(message, attempt + 1, onGiveUp), backoff.toMillis() * attempt,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                log.warn("in  {} message from {} NOT accepted: shutting down", message.channel(), message.sender());
            }
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}

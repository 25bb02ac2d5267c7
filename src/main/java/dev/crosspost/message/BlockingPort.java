package dev.crosspost.message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OutboundPort} whose client blocks (SMTP, an HTTP gateway, a direct chat message): {@link #sendNow}
 * runs on a small shared pool, so the outbox's threads never wait for a slow server.
 */
public abstract class BlockingPort implements OutboundPort {

    private static final int THREADS = 8;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService SENDERS = pool();

    /** Sends now and returns once the channel has the message; throws as {@link OutboundPort#send} fails. */
    protected abstract void sendNow(ChannelAddress target, OutgoingMessage message);

    @Override
    public final CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
        return CompletableFuture.runAsync(() -> sendNow(target, message), SENDERS);
    }

    /** Runs blocking work of the port (a correction, a retraction) on the same pool as {@link #sendNow}. */
    protected static CompletableFuture<Void> onSenders(Runnable work) {
        return CompletableFuture.runAsync(work, SENDERS);
    }

    private static ExecutorService pool() {
        var pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "outbound-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

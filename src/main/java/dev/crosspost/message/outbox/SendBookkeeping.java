package dev.crosspost.message.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.crosspost.message.DeliveryFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the outbox records after each attempt, apart from how lanes send: a sent row is marked SENT in the next batch
 * (one UPDATE for many, every {@code flush-interval} or once {@code flush-size} wait), at once when its port cannot
 * tell after a crash whether it arrived ({@link dev.crosspost.message.OutboundPort#checksArrival()}: mail, SMS; rows
 * sent meanwhile join the same UPDATE); a failed attempt is written on
 * its row with the time of the next; a row refused for good or out of retries goes FAILED, and for the latter
 * {@link DeliveryFailures} raises the incident in the same transaction. Writes run on the dispatcher's timer, never
 * on the thread that completed the send, and are tried again until the database takes them.
 */
final class SendBookkeeping implements Lane.Outcomes {

    // under the dispatcher's name, as before the split: an operator's log settings for the outbox still apply
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxStore store;
    private final OutboxProperties properties;
    private final DeliveryFailures failures;
    private final TransactionTemplate tx;
    private final StoreWatch watch;
    private final Supplier<Instant> clock;
    private final Predicate<OutboxRow> recordAtOnce;
    private final Set<Long> unflushed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService timer;

    SendBookkeeping(OutboxStore store, OutboxProperties properties, DeliveryFailures failures, TransactionTemplate tx,
                    StoreWatch watch, Supplier<Instant> clock, Predicate<OutboxRow> recordAtOnce) {
        this.recordAtOnce = recordAtOnce;
        this.store = store;
        this.properties = properties;
        this.failures = failures;
        this.tx = tx;
        this.watch = watch;
        this.clock = clock;
    }

    /** Writes from now on run on {@code timer} (the dispatcher's); before, and once it is shut down, they are dropped. */
    void runOn(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public void sent(OutboxRow row) {
        log.info("out {} message {} (from message {})", row.target(), row.message().id(), row.message().messageId());
        unflushed.add(row.seq());
        ScheduledExecutorService t = timer;
        if ((recordAtOnce.test(row) || unflushed.size() >= properties.flushSize()) && t != null && !t.isShutdown()
                && flushQueued.compareAndSet(false, true)) {
            t.execute(this::flush);
        }
    }

    @Override
    public void retrying(OutboxRow row, int attempts, Instant retryAt, Throwable error) {
        if (attempts == 1 || attempts % 10 == 0) { // the row and /channels keep the count; the log need not
            log.warn("out {} message {} failed (attempt {}), next try at {}: {}", row.target(), row.message().id(),
                    attempts, retryAt, error.toString());
        }
        later(() -> store.markRetry(row.seq(), attempts, retryAt, error.toString()));
    }

    @Override
    public void gaveUp(OutboxRow row, int attempts, Throwable error, boolean refused) {
        if (refused) {
            log.warn("out {} message {} refused for good, not retried: {}", row.target(), row.message().id(),
                    error.getMessage());
        } else {
            log.warn("out {} message {} failed {} times, giving up (an incident in Cockpit): {}", row.target(),
                    row.message().id(), attempts, error.toString());
        }
        later(() -> tx.executeWithoutResult(status -> {
            store.markFailed(row.seq(), attempts, error.toString());
            if (!refused) {
                failures.retriesRanOut(row.message().id(), row.message().messageId(), row.target(), error.toString());
            }
        }));
    }

    /** The rows sent and not yet marked SENT. */
    List<Long> awaitingFlush() {
        return List.copyOf(unflushed);
    }

    /** Whether the row was sent and waits for its batch to be marked SENT: a poll must not take it again. */
    boolean awaitsFlush(long seq) {
        return unflushed.contains(seq);
    }

    /** Runs a write on the timer thread, and again after a while until the database takes it. */
    void later(Runnable write) {
        ScheduledExecutorService t = timer;
        if (t == null || t.isShutdown()) {
            return;
        }
        t.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                log.warn("outbox: could not record a send's state, trying again: {}", e.toString());
                t.schedule(() -> later(write), properties.retryFirst().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Marks the rows sent since the last flush SENT, in one UPDATE. */
    synchronized void flush() {
        flushQueued.set(false);
        while (!unflushed.isEmpty()) {
            List<Long> batch = unflushed.stream().limit(properties.flushSize()).toList();
            try {
                store.markSent(batch, clock.get());
                batch.forEach(unflushed::remove);
                watch.answered();
            } catch (RuntimeException e) {
                watch.failed("mark sent rows", e);
                return;
            }
            if (unflushed.size() < properties.flushSize()) {
                return;
            }
        }
    }
}

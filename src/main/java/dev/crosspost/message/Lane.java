package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.crosspost.util.Backoff;

/**
 * The sends to one target channel. Rows leave in outbox-sequence order, at most the port's {@link OutboundPort#window()}
 * at once. A failed send pauses the lane (exponential backoff with jitter); when it resumes, the oldest unsent row
 * goes first, after asking the port whether the failed attempt arrived after all. Owns its lock and the rows it
 * guards; everything that touches the database or a port happens outside the lock, through {@link Owner}.
 */
final class Lane {

    /** What a lane needs from the dispatcher. */
    interface Owner {

        boolean running();

        Instant now();

        /** Sends one row; {@code checkFirst}: ask the port first whether an earlier attempt arrived. */
        CompletableFuture<Void> attempt(OutboundPort port, OutboxRow row, boolean checkFirst);

        void sent(OutboxRow row);

        /** The attempt failed and the row is tried again at {@code retryAt}. */
        void retrying(OutboxRow row, int attempts, Instant retryAt, Throwable error);

        /** The row is not tried again: refused for good, or retries ran out. */
        void gaveUp(OutboxRow row, int attempts, Throwable error, boolean refused);

        /** Calls {@link #resume()} at {@code at}. */
        void resumeAt(Lane lane, Instant at);
    }

    private static final class Entry {
        final OutboxRow row;
        boolean flying;
        boolean checkFirst;
        int attempts;

        Entry(OutboxRow row, boolean checkFirst) {
            this.row = row;
            this.checkFirst = checkFirst;
            this.attempts = row.attempts();
        }
    }

    private final OutboundPort port;
    private final Owner owner;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final TreeMap<Long, Entry> rows = new TreeMap<>();
    private int inFlight;
    private Instant pausedUntil;
    private int failures;
    private boolean pumping;
    private boolean again;

    Lane(OutboundPort port, Owner owner, Backoff backoff, Duration giveUpAfter) {
        this.port = port;
        this.owner = owner;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
    }

    /**
     * Takes rows in (call {@link #pump()} afterwards, outside any other lock); rows it holds already are ignored.
     * {@code checkFirst}: an earlier attempt of these rows may have arrived (taken over from another node).
     */
    synchronized void add(Collection<OutboxRow> newRows, boolean checkFirst) {
        Instant now = owner.now();
        for (OutboxRow row : newRows) {
            if (rows.putIfAbsent(row.seq(), new Entry(row, checkFirst)) == null && row.nextAttemptAt() != null
                    && row.nextAttemptAt().isAfter(now)) {
                failures = Math.max(failures, row.attempts());
                pauseUntil(row.nextAttemptAt());
            }
        }
    }

    /** Whether the lane holds nothing: the dispatcher may forget it. */
    synchronized boolean idle() {
        return rows.isEmpty() && inFlight == 0;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized boolean holds(long seq) {
        return rows.containsKey(seq);
    }

    /** Ends a pause whose time has come, and sends on. */
    void resume() {
        synchronized (this) {
            if (pausedUntil != null) {
                if (owner.now().isBefore(pausedUntil)) {
                    owner.resumeAt(this, pausedUntil); // woken a little early
                    return;
                }
                pausedUntil = null;
            }
        }
        pump();
    }

    /**
     * Starts what may start now. Re-entrant calls (a port that completes at once calls back into the lane) only
     * ask the pumping thread for another round, so the stack stays flat however many rows a lane holds.
     */
    void pump() {
        synchronized (this) {
            if (pumping) {
                again = true;
                return;
            }
            pumping = true;
        }
        try {
            while (true) {
                List<Entry> start;
                synchronized (this) {
                    start = startable();
                    if (start.isEmpty() && !again) {
                        pumping = false;
                        return;
                    }
                    again = false;
                }
                start.forEach(this::start);
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                pumping = false;
            }
            throw e;
        }
    }

    private List<Entry> startable() {
        List<Entry> start = new ArrayList<>();
        if (!owner.running() || pausedUntil != null) {
            return start;
        }
        int window = Math.max(1, port.window());
        for (Entry e : rows.values()) {
            if (inFlight >= window) {
                break;
            }
            if (!e.flying) {
                e.flying = true;
                inFlight++;
                start.add(e);
            }
        }
        return start;
    }

    private void start(Entry e) {
        boolean check;
        synchronized (this) {
            check = e.checkFirst;
        }
        CompletableFuture<Void> attempt;
        try {
            attempt = owner.attempt(port, e.row, check);
        } catch (RuntimeException failed) {
            attempt = CompletableFuture.failedFuture(failed);
        }
        attempt.whenComplete((ok, error) -> done(e, unwrap(error)));
    }

    private void done(Entry e, Throwable error) {
        Instant retryAt = null;
        boolean gaveUp = false;
        boolean refused = refused(error);
        int attempts;
        synchronized (this) {
            inFlight--;
            e.flying = false;
            if (error == null || refused) {
                rows.remove(e.row.seq());
                failures = error == null ? 0 : failures;
            } else {
                e.attempts++;
                e.checkFirst = true;
                failures++;
                Instant now = owner.now();
                if (!now.isBefore(e.row.createdAt().plus(giveUpAfter))) {
                    rows.remove(e.row.seq());
                    gaveUp = true;
                } else {
                    retryAt = now.plus(backoff.delay(failures - 1));
                    pauseUntil(retryAt);
                }
            }
            attempts = e.attempts;
        }
        if (error == null) {
            owner.sent(e.row);
        } else if (refused || gaveUp) {
            owner.gaveUp(e.row, refused ? attempts + 1 : attempts, error, refused);
        } else {
            owner.retrying(e.row, attempts, retryAt, error);
        }
        pump();
    }

    private void pauseUntil(Instant until) {
        if (pausedUntil == null || until.isAfter(pausedUntil)) {
            pausedUntil = until;
            owner.resumeAt(this, until);
        }
    }

    /** A refusal for good: the receiving side refused, or the target can never be reached. Never retried. */
    static boolean refused(Throwable error) {
        return error instanceof DeliveryRefused || error instanceof IllegalArgumentException;
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

package dev.crosspost.message.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

import dev.crosspost.message.DeliveryRefused;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.util.Backoff;

/**
 * The sends to one target channel. Rows leave in outbox-sequence order, at most the port's {@link OutboundPort#window()}
 * at once. A failed send pauses the lane (exponential backoff with jitter); when it resumes, the oldest unsent row
 * goes first, after asking the port whether the failed attempt arrived after all. Rows whose earlier attempt may have
 * arrived (taken over after a crash, or a window that failed together) are checked together, in one question for
 * up to {@link #CHECK_BATCH} of them, before any of them is sent; the ones that did not arrive then go in the window
 * like any other. Owns its lock and the rows it
 * guards; everything that touches the database or a port happens outside the lock, through {@link Owner} and
 * {@link Outcomes}.
 */
final class Lane {

    /** What a lane needs from the dispatcher: whether it runs, its clock, its sends and its timer. */
    interface Owner {

        boolean running();

        Instant now();

        /** Sends one row. */
        CompletableFuture<Void> attempt(OutboundPort port, OutboxRow row);

        /**
         * Asks the port which of these rows (all to the lane's target, in sequence order) arrived in an earlier
         * attempt; completes with their sequence numbers.
         */
        CompletableFuture<Set<Long>> check(OutboundPort port, List<OutboxRow> rows);

        /** Calls {@link #resume()} at {@code at}. */
        void resumeAt(Lane lane, Instant at);
    }

    /** Where a lane reports what became of each attempt, to be recorded ({@link SendBookkeeping}). */
    interface Outcomes {

        void sent(OutboxRow row);

        /** The attempt failed and the row is tried again at {@code retryAt}. */
        void retrying(OutboxRow row, int attempts, Instant retryAt, Throwable error);

        /** The row is not tried again: refused for good, or retries ran out. */
        void gaveUp(OutboxRow row, int attempts, Throwable error, boolean refused);
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

    /** The most rows one check asks about: a takeover of many rows is a few questions, each answered in seconds. */
    static final int CHECK_BATCH = 500;

    private final OutboundPort port;
    private final Owner owner;
    private final Outcomes outcomes;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final TreeMap<Long, Entry> rows = new TreeMap<>();
    private int inFlight;
    /** Whether rows whose earlier attempt may have arrived are being checked: nothing starts meanwhile. */
    private boolean checking;
    /**
     * Rows from this sequence number on wait: an older row of the target is held elsewhere (by a node that died,
     * until the poller claims it, or written by a node that does not send the kind), and they must not overtake it.
     * {@link Long#MAX_VALUE}: nothing waits.
     */
    private long sendBelow = Long.MAX_VALUE;
    private Instant pausedUntil;
    private int failures;
    private boolean pumping;
    private boolean again;

    Lane(OutboundPort port, Owner owner, Outcomes outcomes, Backoff backoff, Duration giveUpAfter) {
        this.port = port;
        this.owner = owner;
        this.outcomes = outcomes;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
    }

    /**
     * Takes rows in (call {@link #pump()} afterwards, outside any other lock); rows it holds already are ignored.
     * {@code checkFirst}: an earlier attempt of these rows may have arrived (taken over from another node).
     */
    synchronized void add(Collection<OutboxRow> newRows, boolean checkFirst) {
        add(newRows, row -> checkFirst);
    }

    /** As {@link #add(Collection, boolean)}, with {@code checkFirst} decided per row. */
    synchronized void add(Collection<OutboxRow> newRows, Predicate<OutboxRow> checkFirst) {
        Instant now = owner.now();
        for (OutboxRow row : newRows) {
            if (rows.putIfAbsent(row.seq(), new Entry(row, checkFirst.test(row))) == null && row.nextAttemptAt() != null
                    && row.nextAttemptAt().isAfter(now)) {
                failures = Math.max(failures, row.attempts());
                pauseUntil(row.nextAttemptAt());
            }
        }
    }

    /**
     * Sends nothing until {@code false}: older rows of the target are held elsewhere (by a node that died, until
     * the poller claims them), and this lane's rows must not overtake them.
     */
    synchronized void waitForOlder(boolean wait) {
        sendBelow = wait ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * Sends only rows older than {@code seq}, the oldest row of the target held elsewhere ({@code null}: none is, all
     * may go).
     */
    synchronized void sendOnlyBelow(Long seq) {
        sendBelow = seq == null ? Long.MAX_VALUE : seq;
    }

    /**
     * Sends nothing from {@code seq} on until told otherwise ({@link #sendOnlyBelow}): rows of the target older than
     * {@code seq} may be held elsewhere (written by a node that does not send the kind, not claimed yet).
     */
    synchronized void holdFrom(long seq) {
        sendBelow = Math.min(sendBelow, seq);
    }

    synchronized boolean waitingForOlder() {
        return sendBelow != Long.MAX_VALUE;
    }

    /** Whether the lane holds nothing: the dispatcher may forget it. */
    synchronized boolean idle() {
        return rows.isEmpty() && inFlight == 0;
    }

    /**
     * When this node no longer sends the port's kind (another node took the chat session over): forgets the rows
     * not on their way and returns them, for their leases to be released. Empty while sends are on their way.
     */
    synchronized List<Long> giveBackIfNotSentHere() {
        if (port.sendsHere() || inFlight > 0 || rows.isEmpty()) {
            return List.of();
        }
        List<Long> seqs = new ArrayList<>(rows.keySet());
        rows.clear();
        pausedUntil = null;
        return seqs;
    }

    /** The rows this lane holds now, on their way or not. */
    synchronized List<Long> held() {
        return new ArrayList<>(rows.keySet());
    }

    synchronized int inFlight() {
        return inFlight;
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
                List<Entry> check;
                List<Entry> start;
                synchronized (this) {
                    check = checkable();
                    start = check.isEmpty() ? startable() : List.of();
                    if (check.isEmpty() && start.isEmpty() && !again) {
                        pumping = false;
                        return;
                    }
                    again = false;
                }
                if (!check.isEmpty()) {
                    check(check);
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

    private boolean mayStart() {
        return owner.running() && pausedUntil == null && !checking && port.sendsHere();
    }

    /**
     * The rows to check now: when nothing is on its way and the oldest row is to be checked first (its earlier
     * attempt may have arrived), it and the rows to check right after it, up to {@link #CHECK_BATCH}. None of them
     * is sent before the answer, so checking them together answers as checking each just before its send would.
     */
    private List<Entry> checkable() {
        List<Entry> check = new ArrayList<>();
        if (!mayStart() || inFlight > 0) {
            return check;
        }
        for (Entry e : rows.values()) {
            if (!e.checkFirst || e.row.seq() >= sendBelow || check.size() >= CHECK_BATCH) {
                break;
            }
            check.add(e);
        }
        checking = !check.isEmpty();
        return check;
    }

    /** The rows that may start now, in sequence order, up to the first row still to be checked. */
    private List<Entry> startable() {
        List<Entry> start = new ArrayList<>();
        if (!mayStart()) {
            return start;
        }
        int window = Math.max(1, port.window());
        for (Entry e : rows.values()) {
            if (inFlight >= window || (e.checkFirst && !e.flying) || e.row.seq() >= sendBelow) {
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
        CompletableFuture<Void> attempt;
        try {
            attempt = owner.attempt(port, e.row);
        } catch (RuntimeException failed) {
            attempt = CompletableFuture.failedFuture(failed);
        }
        attempt.whenComplete((ok, error) -> done(e, unwrap(error)));
    }

    private void check(List<Entry> batch) {
        CompletableFuture<Set<Long>> asked;
        try {
            asked = owner.check(port, batch.stream().map(e -> e.row).toList());
        } catch (RuntimeException failed) {
            asked = CompletableFuture.failedFuture(failed);
        }
        asked.whenComplete((arrived, error) -> checked(batch, arrived, unwrap(error)));
    }

    /**
     * The answer of a check: the rows that arrived are done, the others are sent as any row. A check that fails
     * (the channel could not tell) counts as a failed attempt of the oldest row: the lane pauses and asks again.
     */
    private void checked(List<Entry> batch, Set<Long> arrived, Throwable error) {
        List<OutboxRow> done = new ArrayList<>();
        Entry first = batch.get(0);
        Instant retryAt = null;
        boolean gaveUp = false;
        int attempts;
        synchronized (this) {
            checking = false;
            if (error == null) {
                for (Entry e : batch) {
                    e.checkFirst = false;
                    if (arrived.contains(e.row.seq()) && rows.remove(e.row.seq()) != null) {
                        done.add(e.row);
                    }
                }
            } else {
                first.attempts++;
                Instant now = owner.now();
                if (!now.isBefore(first.row.createdAt().plus(giveUpAfter))) {
                    rows.remove(first.row.seq());
                    gaveUp = true;
                } else {
                    failures++;
                    retryAt = now.plus(wait(error));
                    pauseUntil(retryAt);
                }
            }
            attempts = first.attempts;
        }
        done.forEach(outcomes::sent);
        if (gaveUp) {
            outcomes.gaveUp(first.row, attempts, error, false);
        } else if (error != null) {
            outcomes.retrying(first.row, attempts, retryAt, error);
        }
        pump();
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
                Instant now = owner.now();
                if (!now.isBefore(e.row.createdAt().plus(giveUpAfter))) {
                    rows.remove(e.row.seq());
                    gaveUp = true;
                } else if (pausedUntil != null) {
                    // The rest of a window that failed together (a lost connection): one pause, not one per row.
                    retryAt = pausedUntil;
                } else {
                    failures++;
                    retryAt = now.plus(wait(error));
                    pauseUntil(retryAt);
                }
            }
            attempts = e.attempts;
        }
        if (error == null) {
            outcomes.sent(e.row);
        } else if (refused || gaveUp) {
            outcomes.gaveUp(e.row, refused ? attempts + 1 : attempts, error, refused);
        } else {
            outcomes.retrying(e.row, attempts, retryAt, error);
        }
        pump();
    }

    /** The backoff's wait, or longer when the channel asked for more ({@link ChannelOutage#retryAfter()}). */
    private Duration wait(Throwable error) {
        Duration backedOff = backoff.delay(failures - 1);
        Duration asked = ChannelOutage.in(error).flatMap(ChannelOutage::retryAfter).orElse(Duration.ZERO);
        return asked.compareTo(backedOff) > 0 ? asked : backedOff;
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

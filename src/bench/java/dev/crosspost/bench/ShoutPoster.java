package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts shouts at a constant rate through the shoutbox API, as the admin with HTTP Basic, each with its token as
 * text and {@code Idempotency-Key}; {@code sendAsync}, so the next shout never waits for an answer. With several
 * nodes, shout {@code i} goes to node {@code i mod N} ({@link RoundRobin}).
 */
final class ShoutPoster {

    private final HttpClient client;
    private final RoundRobin<AdminHttp> nodes;
    private final String box;
    /**
     * Calls open at once at most: beyond it the server has long stopped keeping up, and the harness would run out
     * of file descriptors (each open HTTP/1.1 call is a connection). A shout due then counts as failed, unsent.
     */
    static final int MAX_OPEN = 4000;

    private final AtomicLong open = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    ShoutPoster(HttpClient client, AdminHttp admin, String box) {
        this(client, java.util.List.of(admin), box);
    }

    /** Round robin over {@code nodes}: shout {@code i} of a phase goes to {@code nodes.get(i mod N)}. */
    ShoutPoster(HttpClient client, java.util.List<AdminHttp> nodes, String box) {
        this.client = client;
        this.nodes = new RoundRobin<>(nodes);
        this.box = box;
    }

    /** Sends {@code count} shouts at {@code perSecond}; returns when the last one was sent (not answered). */
    void post(Ledgers ledgers, Ledger ledger, double perSecond, long count) {
        post(ledgers, ledger, perSecond, count, () -> true);
    }

    /** As {@link #post(Ledgers, Ledger, double, long)}, stopping early once {@code goOn} says no. */
    void post(Ledgers ledgers, Ledger ledger, double perSecond, long count, java.util.function.BooleanSupplier goOn) {
        String path = "/api/shoutboxes/" + box + "/shouts";
        OpenLoop.run(perSecond, count, goOn, (seq, due) -> {
            String token = ledgers.token(ledger.phase(), seq).toString();
            AdminHttp admin = nodes.of(seq);
            var request = HttpRequest.newBuilder(admin.base().resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", admin.authorization())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"bench " + token + "\"}"))
                    .build();
            ledger.due(seq, due, System.nanoTime());
            if (open.get() >= MAX_OPEN) {
                ledger.answered(seq, -2, System.nanoTime());
                skipped.incrementAndGet();
                return;
            }
            open.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                ledger.answered(seq, error == null ? response.statusCode() : -1, System.nanoTime());
                open.decrementAndGet();
            });
        });
    }

    /** Shouts not sent because {@link #MAX_OPEN} calls were open, since the start. */
    long skipped() {
        return skipped.get();
    }

    /**
     * Ends a phase: notes the shouts of {@code phase} not sent since {@code skippedBefore} ({@link #skipped()} when it
     * began), then waits up to 120 s for the calls still open and notes those left unanswered.
     */
    void settle(String phase, long skippedBefore, List<String> notes) {
        long skippedNow = skipped() - skippedBefore;
        if (skippedNow > 0) {
            notes.add(phase + ": " + skippedNow + " shouts not sent (counted as failed) because " + MAX_OPEN
                    + " calls were already waiting for an answer");
        }
        long stillOpen = awaitAnswers(Duration.ofSeconds(120));
        if (stillOpen > 0) {
            notes.add(phase + ": " + stillOpen + " HTTP calls still unanswered after 120 s");
        }
    }

    /** Waits until every call was answered (or failed), at most {@code timeout}; returns the calls still open. */
    long awaitAnswers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
        return open.get();
    }
}

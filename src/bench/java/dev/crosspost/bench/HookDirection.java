package dev.crosspost.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another system calling an incoming webhook: the harness POSTs {@code {"text": "bench <token>"}} to the secret URL of
 * the hook {@code ci} at a constant rate (async, like the shout poster), and the shipped queue webhook-ci says each
 * line in the team room, where the harness's ears hear it. Latency: from the moment a call was due to its line in the
 * room, the same measure as the shout rate's.
 */
final class HookDirection {

    static final String HOOK = "ci";
    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");

    private HookDirection() {
    }

    /** The path of the secret URL of a new hook {@code ci} (the one of an earlier run is deleted first). */
    static String createHook(HttpClient client, AdminHttp admin) throws IOException, InterruptedException {
        client.send(HttpRequest.newBuilder(admin.base().resolve("/api/hooks/incoming/" + HOOK))
                .header("Authorization", admin.authorization()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        var created = client.send(HttpRequest.newBuilder(admin.base().resolve("/api/hooks/incoming"))
                .header("Authorization", admin.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + HOOK + "\",\"preset\":\"text\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher url = URL.matcher(created.body());
        if (created.statusCode() != 201 || !url.find()) {
            throw new IllegalStateException("creating the incoming hook answered " + created.statusCode()
                    + " (a build without webhooks?)");
        }
        return URI.create(url.group(1)).getRawPath();
    }

    /** Calls the hook at {@code perSecond} for {@code seconds}, then waits for the room to have said every line. */
    static Ledger.Tally run(HttpClient client, AdminHttp admin, Ledgers room, double perSecond, double seconds,
                            Duration drain) throws IOException, InterruptedException {
        String path = createHook(client, admin);
        Ledger ledger = room.open("hook");
        var open = new AtomicLong();
        OpenLoop.run(perSecond, OpenLoop.count(perSecond, seconds), (seq, due) -> {
            String token = room.token("hook", seq).toString();
            var request = HttpRequest.newBuilder(admin.base().resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"bench " + token + "\"}")).build();
            ledger.due(seq, due, System.nanoTime());
            if (open.get() >= ShoutPoster.MAX_OPEN) {
                ledger.answered(seq, -2, System.nanoTime());
                return;
            }
            open.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                ledger.answered(seq, error == null ? response.statusCode() : -1, System.nanoTime());
                open.decrementAndGet();
            });
        });
        Drain.await(ledger, drain);
        return ledger.tally();
    }
}

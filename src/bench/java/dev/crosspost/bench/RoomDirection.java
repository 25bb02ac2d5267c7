package dev.crosspost.bench;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.crosspost.support.ProsodyServer;

/**
 * The other direction: a person (the harness's speaker) says lines in the team room at a constant rate, and the
 * harness hears them arrive on the team shoutbox through its live stream (Server-Sent Events), as a browser would.
 * Latency: from the moment a line was due to its shout on the stream.
 */
final class RoomDirection {

    private RoomDirection() {
    }

    static Ledger.Tally run(HttpClient client, AdminHttp admin, ProsodyServer prosody, String box, String run,
                            double perSecond, double seconds, Duration drain) throws Exception {
        return run(client, admin, prosody, box, run, "room", perSecond, seconds, drain);
    }

    /** {@code phase}: the ledger's name, in each line's token (a warm-up's lines are not the measured phase's). */
    static Ledger.Tally run(HttpClient client, AdminHttp admin, ProsodyServer prosody, String box, String run,
                            String phase, double perSecond, double seconds, Duration drain) throws Exception {
        var shoutbox = new Ledgers(run);
        Ledger ledger = shoutbox.open(phase);
        var connected = new CountDownLatch(1);
        var request = HttpRequest.newBuilder(admin.base().resolve("/api/shoutboxes/" + box + "/stream"))
                .header("Authorization", admin.authorization()).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("shoutbox stream answered " + response.statusCode());
        }
        var reader = new Thread(() -> {
            try {
                response.body().forEach(line -> {
                    long now = System.nanoTime();
                    if (line.startsWith(":")) {
                        connected.countDown();
                    } else if (line.startsWith("data:")) {
                        shoutbox.heard(line, now);
                    }
                });
            } catch (UncheckedIOException closed) {
                // the harness closed the stream: the phase is over
            }
        }, "bench-sse");
        reader.setDaemon(true);
        reader.start();
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("shoutbox stream did not say 'connected'");
        }
        try (var speaker = RoomClient.join(prosody.port(), BenchProsody.SPEAKER, BenchProsody.TEAM_ROOM,
                "bench-mouth", (line, nanos) -> { })) {
            OpenLoop.run(perSecond, OpenLoop.count(perSecond, seconds), (seq, due) -> {
                ledger.due(seq, due, System.nanoTime());
                speaker.say("bench " + shoutbox.token(phase, seq));
                ledger.answered(seq, 200, System.nanoTime());
            });
            Drain.await(ledger, drain);
        } finally {
            response.body().close();
        }
        return ledger.tally();
    }
}

package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A member holds a limited number of live streams, and a stream ends when its member loses access. */
class StreamLimitsIT extends AbstractIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ShoutboxProperties properties;

    @Test
    void aMemberHoldsAtMostTheConfiguredNumberOfStreams() throws Exception {
        String team = createTeam("streams");
        TestMember hoarder = createMember("hoarder", team);
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < properties.maxStreamsPerMember(); i++) {
                var response = open(as(hoarder), team);
                assertThat(response.statusCode()).isEqualTo(200);
                open.add(response.body());
            }
            var refused = open(as(hoarder), team);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(new String(refused.body().readAllBytes())).contains("live streams open");
            // Another member is not affected.
            TestMember other = createMember("other", team);
            var theirs = open(as(other), team);
            assertThat(theirs.statusCode()).isEqualTo(200);
            open.add(theirs.body());
        } finally {
            for (InputStream body : open) {
                body.close();
            }
        }
        // Closed streams are found at the next check (every second in the ITs), and free their places.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var again = open(as(hoarder), team);
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    @Test
    void aStreamEndsWhenItsMemberLeavesTheTeam() throws Exception {
        String team = createTeam("leave");
        TestMember leaver = createMember("leaver", team);
        var response = open(as(leaver), team);
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (Exception closed) {
                // ended either way
            }
        });
        identity.deleteMembership(leaver.id(), team);
        await().atMost(Duration.ofSeconds(15)).until(ended::isDone);
        assertThat(open(as(leaver), team).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<InputStream> open(Api api, String team) throws Exception {
        return HTTP.send(api.request("/api/shoutboxes/" + team + "/stream").setHeader("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}

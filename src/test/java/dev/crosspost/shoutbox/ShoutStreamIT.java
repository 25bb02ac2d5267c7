package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The live stream as an API client sees it: one SSE event per new shout, also shouts other nodes stored. */
class ShoutStreamIT extends AbstractIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachNewShoutArrivesOnceAsAnEvent() throws Exception {
        String team = createTeam("live");
        TestMember alice = createMember("alice", team);
        try (var stream = new EventStream(as(alice), "/api/shoutboxes/" + team + "/stream")) {
            var first = as(alice).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "one"))).json();
            as(alice).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "two")));

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() >= 2);
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            assertThat(stream.events()).hasSize(2);
            assertThat(stream.events().get(0)).contains("\"id\":\"" + first.get("id").asText() + "\"")
                    .contains("\"text\":\"one\"");
            assertThat(stream.events().get(1)).contains("\"text\":\"two\"");
        }
    }

    @Test
    void aShoutStoredByAnotherNodeReachesThisNodesBrowsers() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "several nodes share a database only on PostgreSQL");
        String team = createTeam("nodes");
        TestMember alice = createMember("alice", team);
        try (var stream = new EventStream(as(alice), "/api/shoutboxes/" + team + "/stream")) {
            // What another node does when it stores a shout: insert and NOTIFY in one transaction.
            String id = UUID.randomUUID().toString();
            jdbc.sql("insert into crosspost.shouts (id, shoutbox, author, author_name, text, created_at) values (?,?,?,?,?,?)")
                    .params(id, team, "bob", "Bob", "from node two", Timestamp.from(Instant.now())).update();
            jdbc.sql("select pg_notify('crosspost_shouts', ?)").param(id).query().singleRow();

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 1);
            assertThat(stream.events().get(0)).contains(id).contains("from node two");
        }
    }

    /** Reads {@code data:} lines of the named event "shout" from a text/event-stream response. */
    static final class EventStream implements AutoCloseable {
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final InputStream body;

        EventStream(Api api, String path) throws Exception {
            HttpResponse<InputStream> response = java.net.http.HttpClient.newHttpClient().send(
                    api.request(path).setHeader("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            body = response.body();
            Thread reader = new Thread(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String event = null;
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        } else if (line.startsWith("data:") && "shout".equals(event)) {
                            events.add(line.substring(5));
                        } else if (line.isEmpty()) {
                            event = null;
                        }
                    }
                } catch (Exception closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
            // the stream is registered before the first event is sent; wait for the "connected" comment to pass
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        }

        List<String> events() {
            return events;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}

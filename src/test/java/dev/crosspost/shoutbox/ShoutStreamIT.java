package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.EventStream;
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
            // no third event: a shout is pushed once (a short quiet window, since nothing happening is the point)
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> stream.events().size() == 2);
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
}

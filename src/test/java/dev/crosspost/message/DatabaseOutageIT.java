package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;

import dev.crosspost.support.Api;
import dev.crosspost.support.TestDatabase;
import dev.crosspost.support.TestServers;
import dev.crosspost.support.XmppPerson;
import dev.crosspost.xmpp.XmppITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL goes away under the running app (every connection cut, new ones refused, as in a restart) and comes
 * back: the app recovers by itself, accepts shouts again, and every shout reaches the team room once.
 */
class DatabaseOutageIT extends XmppITSupport {

    private static final String TEAM = "team";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void afterPostgresWentAwayAndCameBackShoutsAreAcceptedAndSaidOnceAgain() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL behind the test proxy (-Dit.db=postgres)");
        if (identity.createGroupQuery().groupId(TEAM).count() == 0) {
            createTeam(TEAM);
        }
        TestMember alice = createMember("alice", TEAM);
        awaitBotInTeamRoom(); // the watcher must not be the one who creates the room
        try (var watcher = XmppPerson.login("dave")) {
            watcher.join(TestServers.TEAM_ROOM, 0);
            String before = unique("before the outage");
            assertThat(shout(alice, before).status()).isEqualTo(201);

            int refusedBefore = TestDatabase.link().refused();
            TestDatabase.link().down();
            // PostgreSQL stays away until the app has tried to reach it again a few times and been refused
            await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.link().refused() >= refusedBefore + 3);
            TestDatabase.link().up();

            String after = unique("after the outage");
            // the same Idempotency-Key on every try: a try that was accepted after all is not a second shout
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> shout(alice, after).status() == 201);
            await().atMost(Duration.ofSeconds(30)).until(() -> said(watcher, before) == 1 && said(watcher, after) == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> roomSends(before).equals("SENT")
                    && roomSends(after).equals("SENT"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> said(watcher, before) == 1 && said(watcher, after) == 1);
        }
    }

    private Api.Response shout(TestMember author, String text) {
        return as(author).post("/api/shoutboxes/" + TEAM + "/shouts", Api.json(Map.of("text", text)),
                "Idempotency-Key", text);
    }

    private static long said(XmppPerson watcher, String text) {
        return watcher.linesContaining(TestServers.TEAM_ROOM, text).size();
    }

    /** The status of the outbox row that says the shout with this text in the room. */
    private String roomSends(String text) {
        return jdbc.sql("""
                select o.status from crosspost.outbox o join crosspost.messages m on m.id = o.message_id
                 where m.text = ? and o.kind = 'xmpp-room'""").param(text).query(String.class).optional().orElse("");
    }
}

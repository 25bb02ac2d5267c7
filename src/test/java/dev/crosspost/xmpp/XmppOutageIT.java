package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.crosspost.support.TestServers;
import dev.crosspost.support.XmppPerson;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.Rooms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Restarting the chat server loses and doubles nothing: the bot comes back by itself and catches up. */
class XmppOutageIT extends XmppITSupport {

    private static final Logger log = LoggerFactory.getLogger(XmppOutageIT.class);
    private static final int SHOUTS = 20;

    @Autowired
    XmppProperties properties;

    @AfterEach
    void prosodyRuns() {
        TestServers.prosody().start();
    }

    @Test
    void shoutsPostedWhileTheServerIsDownArriveOnceEachAfterItIsBack() {
        awaitBotInTeamRoom();
        var poster = createMember("outage", "team");
        String run = unique("outage");

        TestServers.prosody().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !bot.connected());
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= SHOUTS; i++) {
            String text = run + " #" + String.format("%02d", i);
            postShout(poster, text);
            posted.add("[team] " + poster.name() + ": " + text);
        }
        assertThat(admin().get("/actuator/health").json().path("components").path("xmpp").path("status").asText())
                .isEqualTo("DOWN");
        // Stay down until the oldest line has failed twice: the room's lane waits out its backoff, the later
        // lines behind it.
        await().atMost(Duration.ofSeconds(60)).until(() -> failedAttempts(run) >= 2);

        TestServers.prosody().start();
        // The bot reconnects and rejoins the room (which the restart destroyed) by itself.
        awaitBotInTeamRoom();
        // UP once it is back in every one of its rooms (other tests' rooms too, rejoined one after another)
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(admin().get("/actuator/health").json()
                .path("components").path("xmpp").path("status").asText()));

        try (var alice = XmppPerson.login("alice")) {
            // The room is new since the restart: its history holds exactly what the bot said since.
            alice.join(TEAM_ROOM, 200);
            await().atMost(Duration.ofSeconds(90)).until(() -> alice.linesContaining(TEAM_ROOM, run).size() >= SHOUTS);
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> alice.linesContaining(TEAM_ROOM, run).size() == SHOUTS);
            List<String> arrived = alice.linesContaining(TEAM_ROOM, run);
            log.info("outage: {} of {} shouts arrived in posting order; arrival order {}", inOrder(arrived, posted),
                    SHOUTS, arrived.stream().map(s -> s.substring(s.length() - 2)).toList());
            // Once each, in the order they were posted.
            assertThat(arrived).containsExactlyElementsOf(posted);
        }
    }

    @Test
    void aBotWhoseFirstConnectFailsConnectsAndJoinsWhenTheServerComesUp() {
        String room = dev.crosspost.support.ProsodyServer.freshRoom();
        var p = properties;
        // A second bot session, started while the server is down (as Crosspost starting before Prosody).
        var standalone = new XmppProperties(true, p.host(), p.port(), p.domain(), "dave",
                dev.crosspost.support.ProsodyServer.password("dave"), "first-connect", "latecomer", List.of(room),
                p.tls(), "", p.replyTimeout(), p.reconnectMin(), p.reconnectMax(), p.pingInterval(), p.roomCheckInterval(),
                p.roomWindow(), p.guests(), p.chatRate(), p.chatRatePeriod(), p.catchUp());
        TestServers.prosody().stop();
        var connection = new XmppConnection(standalone, List.of(), new dev.crosspost.cluster.SoleLeader());
        var rooms = new Rooms(standalone, connection);
        try {
            connection.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> connection.lastProblem() != null
                    && connection.lastProblem().contains("Exception"));
            assertThat(connection.connected()).isFalse();

            TestServers.prosody().start();

            await().atMost(Duration.ofSeconds(30)).until(() -> rooms.states().getOrDefault(room, false));
            assertThat(connection.connected()).isTrue();
        } finally {
            connection.stop();
        }
    }

    /** How many arrived lines stand where they were posted. */
    private static long inOrder(List<String> arrived, List<String> posted) {
        int same = 0;
        for (int i = 0; i < arrived.size(); i++) {
            if (arrived.get(i).equals(posted.get(i))) {
                same++;
            }
        }
        return same;
    }
}

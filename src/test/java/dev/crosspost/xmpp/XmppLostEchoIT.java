package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.crosspost.support.TestServers;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room takes the bot's lines but their echoes do not reach the bot (the proxy between the bot and Prosody
 * holds the server's bytes back). Whether the connection then breaks or the echoes come too late, the room's
 * members hear every line once, in posting order.
 */
class XmppLostEchoIT extends XmppITSupport {

    private static final int SHOUTS = 8;

    @AfterEach
    void linkPassesEverythingOn() {
        TestServers.botLink().forward();
    }

    @Test
    void linesTheRoomTookBeforeTheConnectionBrokeAreNotSaidAgain() {
        awaitBotInTeamRoom();
        var poster = createMember("echo", "team");
        String run = unique("echo");
        var link = TestServers.botLink();
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);

            link.holdReplies(); // the room's echoes (and everything else the server says) no longer reach the bot
            List<String> posted = postShouts(poster, run);
            // The room took every line: alice, connected to Prosody directly, hears them.
            await().atMost(DELIVERY).until(() -> alice.linesContaining(TEAM_ROOM, run).size() >= SHOUTS);
            int connections = link.accepted();
            link.cut(); // the connection breaks with the echoes unread

            // The bot reconnects and rejoins the room by itself.
            await().atMost(Duration.ofSeconds(60)).until(() -> link.accepted() > connections
                    && rooms.states().getOrDefault(TEAM_ROOM, false));
            assertSaidOnceEachInOrder(alice, poster, run, posted);
        }
    }

    @Test
    void echoesThatComeTooLateDoNotMakeTheBotSayItsLinesAgain() {
        awaitBotInTeamRoom();
        var poster = createMember("late", "team");
        String run = unique("late");
        var link = TestServers.botLink();
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);

            link.holdReplies();
            List<String> posted = postShouts(poster, run);
            await().atMost(DELIVERY).until(() -> alice.linesContaining(TEAM_ROOM, run).size() >= SHOUTS);
            // No echo within the reply timeout: the sends fail, and the room's archive is asked before any line
            // goes again (it cannot answer either while the replies are held).
            await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(run) >= 1);
            link.forward(); // the late echoes, then the archive's answers

            await().atMost(DELIVERY).until(() -> rooms.states().getOrDefault(TEAM_ROOM, false));
            assertSaidOnceEachInOrder(alice, poster, run, posted);
        }
    }

    private List<String> postShouts(TestMember poster, String run) {
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= SHOUTS; i++) {
            String text = run + " #" + String.format("%02d", i);
            postShout(poster, text);
            posted.add("[team] " + poster.name() + ": " + text);
        }
        return posted;
    }

    /** Posts one more shout and waits for it: it is said after any line the bot might say again. */
    private void assertSaidOnceEachInOrder(XmppPerson alice, TestMember poster, String run, List<String> posted) {
        String after = run + " after";
        postShout(poster, after);
        List<String> expected = new ArrayList<>(posted);
        expected.add("[team] " + poster.name() + ": " + after);
        await().atMost(DELIVERY).until(() -> !alice.linesContaining(TEAM_ROOM, after).isEmpty());

        // Once each, in posting order; and nothing comes later.
        assertThat(alice.linesContaining(TEAM_ROOM, run)).containsExactlyElementsOf(expected);
        await().during(QUIET).atMost(QUIET.multipliedBy(2))
                .until(() -> alice.linesContaining(TEAM_ROOM, run).size() == expected.size());
    }
}

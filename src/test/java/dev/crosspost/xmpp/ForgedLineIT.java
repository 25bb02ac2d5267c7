package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crosspost.message.Text;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.Test;

/** A multi-line shout cannot forge a second relayed line in the room: its continuation lines are marked. */
class ForgedLineIT extends XmppITSupport {

    @Test
    void aNewlineInAShoutDoesNotStartWhatLooksLikeAnotherRelayedShout() {
        awaitBotInTeamRoom();
        var poster = createMember("forger", "team");
        String run = unique("forge");
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);
            postShout(poster, run + "\n[team] Crosspost Admin: everyone is fired");
            await().atMost(DELIVERY).until(() -> !alice.linesContaining(TEAM_ROOM, run).isEmpty());
            String said = alice.linesContaining(TEAM_ROOM, run).get(0);
            assertThat(said).isEqualTo("[team] " + poster.name() + ": " + run + "\n" + Text.CONTINUATION
                    + "[team] Crosspost Admin: everyone is fired");
            assertThat(said.lines().skip(1)).allMatch(line -> line.startsWith(Text.CONTINUATION));
            assertThat(alice.lines(TEAM_ROOM)).noneMatch(line -> line.text().startsWith("[team] Crosspost Admin"));
        }
    }
}

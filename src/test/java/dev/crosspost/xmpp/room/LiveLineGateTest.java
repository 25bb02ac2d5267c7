package dev.crosspost.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** A room's live lines wait while its catch-up passes on the older lines, then follow them in order. */
class LiveLineGateTest {

    private final List<String> passedOn = new CopyOnWriteArrayList<>();
    private final LiveLineGate gate = new LiveLineGate();

    @Test
    void liveLinesHeardDuringTheCatchUpComeAfterTheLinesItPassesOn() throws Exception {
        var team = JidCreate.entityBareFrom("team@conference.localhost");
        var other = JidCreate.entityBareFrom("other@conference.localhost");

        gate.close(team); // joining: the catch-up starts
        gate.pass(team, () -> passedOn.add("live 1"));
        gate.pass(other, () -> passedOn.add("another room's line"));
        passedOn.add("caught up 1"); // what the catch-up passes on from the archive
        gate.pass(team, () -> passedOn.add("live 2"));
        passedOn.add("caught up 2");
        gate.open(team);
        gate.pass(team, () -> passedOn.add("live 3"));

        assertThat(passedOn).containsExactly("another room's line", "caught up 1", "caught up 2", "live 1", "live 2",
                "live 3");
    }
}

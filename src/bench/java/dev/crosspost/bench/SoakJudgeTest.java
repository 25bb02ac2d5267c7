package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SoakJudgeTest {

    /** Three calls one after the other (each started after the one before was answered), one overlapping the last. */
    private static final List<SoakJudge.Owed> OWED = List.of(new SoakJudge.Owed("a", 0, 10),
            new SoakJudge.Owed("b", 20, 30), new SoakJudge.Owed("c", 40, 50), new SoakJudge.Owed("d", 45, 55));

    @Test
    void everythingOnceInOrderIsClean() {
        var v = SoakJudge.judge("room", OWED, List.of("a", "b", "c", "d"));
        assertThat(v.clean()).isTrue();
        assertThat(v.arrived()).isEqualTo(4);
    }

    @Test
    void overlappingCallsMayArriveEitherWay() {
        assertThat(SoakJudge.judge("room", OWED, List.of("a", "b", "d", "c")).clean()).isTrue();
    }

    @Test
    void namesWhatWasLostDoubledAndReordered() {
        var v = SoakJudge.judge("room", OWED, List.of("b", "a", "c", "b", "b"));
        assertThat(v.lost()).containsExactly("d");
        assertThat(v.doubled()).containsExactly("b");
        assertThat(v.reordered()).containsExactly("a");
        assertThat(v.clean()).isFalse();
    }

    @Test
    void whereTheOrderIsNotOwedAReorderingIsCountedButDoesNotFail() {
        var v = SoakJudge.judge("mail", false, OWED, List.of("b", "a", "c", "d"));
        assertThat(v.reordered()).containsExactly("a");
        assertThat(v.clean()).isTrue();
    }

    @Test
    void arrivalsNobodyOwedAreCountedApart() {
        var v = SoakJudge.judge("room", OWED, List.of("a", "x", "b", "c", "d", "x"));
        assertThat(v.clean()).isTrue();
        assertThat(v.strangers()).isEqualTo(2);
    }

    @Test
    void anSmsRepeatedWithATokenTheGatewayTookIsOneSmsAndOneUnderTwoTokensIsADouble() {
        var requests = List.of(new String[] {"+1", "shout:1", "t1"}, new String[] {"+1", "shout:2", "t2"},
                new String[] {"+1", "shout:1", "t1"}, new String[] {"+1", "shout:3", "t3"},
                new String[] {"+1", "shout:3", "t3b"}, new String[] {"+1", "shout:4", null},
                new String[] {"+1", "shout:4", null});

        assertThat(SoakRun.smsDelivered(requests))
                .containsExactly("shout:1", "shout:2", "shout:3", "shout:3", "shout:4", "shout:4");
        assertThat(SoakRun.smsRepeated(requests)).isEqualTo(1);
    }
}

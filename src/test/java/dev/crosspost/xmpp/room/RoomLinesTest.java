package dev.crosspost.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import dev.crosspost.xmpp.room.QueuedLines.RoomLine;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Which lines whose echo did not come a room said, judged by the history a later join replayed. */
class RoomLinesTest {

    private static final long JOIN_STARTED = 1_000;

    private final RoomLines room = new RoomLines(new SentLines());

    @Test
    void everyLineSentUpToTheLastOneInTheHistoryWasSaidAndTheRestGoAgain() {
        // #1 and #2 have dropped out of the room's short history; #3 is the newest of the bot's lines in it.
        List<RoomLine> lines = wentOut(5);

        var settled = room.settle(null, joined("line-3"), 3);

        assertThat(settled.said()).containsExactlyElementsOf(lines.subList(0, 3));
        assertThat(settled.wentOut()).isEqualTo(5);
        assertThat(lines.subList(3, 5)).allSatisfy(l -> assertThat(l.out).isFalse());
        // Once the queue has finished the said lines, the oldest line not said is next.
        lines.subList(0, 3).forEach(room::remove);
        assertThat(room.head(1)).isSameAs(lines.get(3));
        assertThat(room.awaitingHistory(null)).isNull();
    }

    @Test
    void aHistoryWithoutTheBotsLinesMeansNoneWasSaid() {
        List<RoomLine> lines = wentOut(3);

        var settled = room.settle(null, joined("someone-elses-line"), 3);

        assertThat(settled.said()).isEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(l.out).isFalse());
    }

    @Test
    void linesSentAfterTheJoinBeganAreLeftForTheirEcho() {
        List<RoomLine> lines = wentOut(2);
        lines.get(1).outAt = JOIN_STARTED + 1;

        var settled = room.settle(null, joined(), 3);

        assertThat(settled.wentOut()).isEqualTo(1);
        assertThat(lines.get(1).out).isTrue();
        assertThat(lines.get(1).sending).isTrue();
    }

    @Test
    void theRoomWaitsWhileALineWithoutAnEchoAwaitsTheHistoryAndAsksForOneJoin() {
        List<RoomLine> lines = wentOut(3);
        assertThat(room.awaitingHistory(null)).as("echoes may still come").isNull();

        room.unanswered(lines.get(0));
        room.unanswered(lines.get(1));

        assertThat(room.awaitingHistory(null)).isEqualTo(lines.get(1).outAt);
        assertThat(room.askJoin()).isTrue();
        assertThat(room.askJoin()).isFalse();
        room.settle(null, joined(), 3);
        assertThat(room.awaitingHistory(null)).isNull();
        assertThat(room.askJoin()).isTrue();
    }

    @Test
    void aLineTheRoomKeepsRefusingWhileTheBotStaysInItIsGivenUp() {
        RoomLine line = wentOut(1).get(0);
        for (int i = 1; i < 3; i++) {
            assertThat(room.settle(null, joined(), 3).refused()).isEmpty();
            room.startSending(line);
            line.out = true;
        }

        assertThat(room.settle(null, joined(), 3).refused()).containsExactly(line);
    }

    /** Lines #1..#n, sent in that order before the join, all still in the window. */
    private List<RoomLine> wentOut(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> {
            var line = new RoomLine(JidCreate.entityBareFromOrThrowUnchecked("team@conference.localhost"),
                    "line-" + i, "text " + i, Instant.EPOCH.plusSeconds(i), i);
            room.add(line);
            room.startSending(line);
            line.out = true;
            line.outAt = i * 10L;
            return line;
        }).toList();
    }

    private static HistoryJoin.Joined joined(String... replayed) {
        return new HistoryJoin.Joined(false, JOIN_STARTED, Set.of(replayed));
    }
}

package dev.crosspost.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.crosspost.xmpp.connection.LineChange;
import org.jxmpp.jid.impl.JidCreate;

/** A room's lines on their way: said in call order, done on their echo, failed on a lost session or no echo. */
class RoomWindowTest {

    private final ScheduledThreadPoolExecutor timer = timer();
    private final RoomWindow window = new RoomWindow(JidCreate.entityBareFromOrThrowUnchecked("team@conference.test"),
            Duration.ofMillis(300), timer);

    private static ScheduledThreadPoolExecutor timer() {
        var timer = new ScheduledThreadPoolExecutor(1);
        timer.setRemoveOnCancelPolicy(true); // as Rooms makes it
        return timer;
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** A wire that records what it says; {@code joined} says whether the bot is in the room. */
    private static final class FakeWire implements RoomWindow.Wire {
        final List<String> said = new CopyOnWriteArrayList<>();
        volatile boolean joined = true;
        volatile boolean broken;

        @Override
        public Object session() {
            return this;
        }

        @Override
        public boolean joined() {
            return joined;
        }

        @Override
        public void say(String text, String originId, LineChange change) {
            if (broken) {
                throw new IllegalStateException("not connected");
            }
            said.add(originId);
        }
    }

    @Test
    void linesAreSaidInCallOrderAndEachIsDoneOnItsEcho() {
        var wire = new FakeWire();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(window.send(wire, "id-" + i, "line " + i, null, () -> { }));
        }
        assertThat(wire.said).containsExactly("id-0", "id-1", "id-2", "id-3", "id-4");
        assertThat(window.pending()).isEqualTo(5);

        assertThat(window.own("id-3")).isTrue();

        assertThat(sends.get(3)).isCompleted();
        assertThat(sends.get(0)).isNotDone();
        assertThat(window.echoed("id-3")).isTrue();
        assertThat(window.echoed("id-0")).isFalse();
        assertThat(window.own("someone else's")).isFalse();
        assertThat(window.own(null)).isFalse();
    }

    @Test
    void aLineWithoutEchoFailsAfterTheTimeoutAndALateEchoIsStillTheBots() {
        var wire = new FakeWire();
        var send = window.send(wire, "id-late", "late", null, () -> { });

        await().atMost(Duration.ofSeconds(5)).until(send::isDone);
        assertThat(send).isCompletedExceptionally();
        assertThat(window.wentOutUnanswered("id-late")).isNotNull();
        assertThat(window.pending()).isZero();

        assertThat(window.own("id-late")).isTrue(); // the late echo is not someone else's line
        assertThat(window.echoed("id-late")).isTrue();
        assertThat(window.wentOutUnanswered("id-late")).isNull();
    }

    @Test
    void anEchoedLineLeavesNoTimeoutBehindAndTimeoutsStartNoThreadPerLine() {
        var wire = new FakeWire();
        var echoed = window.send(wire, "id-echoed", "echoed", null, () -> { });
        assertThat(timer.getQueue()).hasSize(1);
        window.own("id-echoed");
        assertThat(echoed).isCompleted();
        assertThat(timer.getQueue()).isEmpty(); // cancelled with its echo: nothing left to wake up for

        // Lines whose echo never comes: each times out, on the one timer thread. Before, each timeout ran on a
        // thread of its own (CompletableFuture's default executor with fewer than three cores).
        long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        List<CompletableFuture<Void>> unanswered = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            unanswered.add(window.send(wire, "id-" + i, "line " + i, null, () -> { }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> unanswered.stream().allMatch(CompletableFuture::isDone));
        assertThat(unanswered).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore)
                .as("threads started while 200 lines timed out").isLessThan(20);
    }

    @Test
    void linesOnALostSessionFailAndThoseOfTheNextSessionDoNot() {
        var old = new FakeWire();
        var next = new FakeWire();
        var lost = window.send(old, "id-old", "old", null, () -> { });
        var kept = window.send(next, "id-next", "next", null, () -> { });

        window.lost(old);

        assertThat(lost).isCompletedExceptionally();
        assertThat(timer.getQueue()).hasSize(1); // only the next session's line still waits for its echo
        assertThat(window.wentOutUnanswered("id-old")).isNotNull();
        assertThat(kept).isNotDone();
        window.own("id-next");
        assertThat(kept).isCompleted();
    }

    @Test
    void linesForARoomTheBotIsNotInWaitForOneJoinAndThenGoOutInOrder() {
        var wire = new FakeWire();
        wire.joined = false;
        AtomicInteger joins = new AtomicInteger();
        var first = window.send(wire, "id-1", "one", null, joins::incrementAndGet);
        var second = window.send(wire, "id-2", "two", null, joins::incrementAndGet);
        assertThat(joins).hasValue(1);
        assertThat(wire.said).isEmpty();

        wire.joined = true;
        var greeting = window.sendNow(wire, "greeting", "hello"); // said by the join itself, before the others
        window.joined(wire, null);

        assertThat(wire.said).containsExactly("greeting", "id-1", "id-2");
        window.own("id-1");
        window.own("id-2");
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(greeting).isNotDone();
    }

    @Test
    void aFailedJoinFailsTheWaitingLinesAndALineTheWireRefusesFailsAtOnce() {
        var wire = new FakeWire();
        wire.joined = false;
        var waiting = window.send(wire, "id-1", "one", null, () -> { });
        window.joined(wire, new IllegalStateException("room not found"));
        assertThat(waiting).isCompletedExceptionally();

        wire.joined = true;
        wire.broken = true;
        var refused = window.send(wire, "id-2", "two", null, () -> { });
        assertThat(refused).isCompletedExceptionally();
        assertThat(window.own("id-2")).isFalse(); // never said
        assertThat(window.pending()).isZero();
    }
}

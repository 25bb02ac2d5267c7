package dev.crosspost.message.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.util.Backoff;
import org.junit.jupiter.api.Test;

/** One lane of the dispatcher, with a fixed clock and sends the test completes by hand. */
class LaneTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ChannelAddress ROOM = ChannelAddress.parse("xmpp-room:team@conference.localhost");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), () -> 1.0);

    /** Records each attempt (row seq, whether it was to be checked first) and leaves its future to the test. */
    private static final class Owner implements Lane.Owner, Lane.Outcomes {
        final List<String> attempts = new ArrayList<>();
        final Map<Long, CompletableFuture<Void>> open = new ConcurrentHashMap<>();
        final List<Instant> retries = new ArrayList<>();
        final List<List<Long>> checks = new ArrayList<>();
        final List<CompletableFuture<Set<Long>>> openChecks = new ArrayList<>();
        final List<Long> sent = new ArrayList<>();
        Instant clock = NOW;

        @Override
        public boolean running() {
            return true;
        }

        @Override
        public synchronized Instant now() {
            return clock;
        }

        @Override
        public synchronized CompletableFuture<Void> attempt(OutboundPort port, OutboxRow row) {
            attempts.add(String.valueOf(row.seq()));
            var f = new CompletableFuture<Void>();
            open.put(row.seq(), f);
            return f;
        }

        @Override
        public synchronized CompletableFuture<Set<Long>> check(OutboundPort port, List<OutboxRow> rows) {
            checks.add(rows.stream().map(OutboxRow::seq).toList());
            var f = new CompletableFuture<Set<Long>>();
            openChecks.add(f);
            return f;
        }

        @Override
        public synchronized void sent(OutboxRow row) {
            sent.add(row.seq());
        }

        @Override
        public synchronized void retrying(OutboxRow row, int attempts, Instant retryAt, Throwable error) {
            retries.add(retryAt);
        }

        @Override
        public void gaveUp(OutboxRow row, int attempts, Throwable error, boolean refused) {
        }

        @Override
        public void resumeAt(Lane lane, Instant at) {
        }

        synchronized List<String> attempts() {
            return List.copyOf(attempts);
        }
    }

    private final Owner owner = new Owner();
    private final Lane lane = new Lane(FakePort.held("xmpp-room", 32), owner, owner, BACKOFF, Duration.ofHours(2));

    private static List<OutboxRow> rows(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> new OutboxRow(seq, ROOM, new OutgoingMessage("o-" + seq,
                "m-" + seq, ChannelAddress.parse("shoutbox:team"), "alice", "Alice", "line " + seq), 0, null,
                NOW.minusSeconds(60), true)).toList();
    }

    @Test
    void aWindowThatFailsTogetherPausesTheLaneOnceNotOncePerSend() {
        lane.add(rows(1, 8), false);
        lane.pump();
        assertThat(owner.attempts()).hasSize(8);

        // The connection broke: every send on its way fails at once.
        owner.open.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection lost")));

        assertThat(owner.retries).hasSize(8).containsOnly(NOW.plus(BACKOFF.delay(0)));
    }

    @Test
    void rowsTakenOverAreCheckedInOneQuestionThenThoseNotArrivedGoInTheWindowInOrder() {
        lane.add(rows(1, 600), true); // taken over after a crash: each may have arrived
        lane.add(rows(601, 602), false);
        lane.pump();
        assertThat(owner.checks).as("one question for the first 500, nothing sent before its answer")
                .containsExactly(LongStream.rangeClosed(1, 500).boxed().toList());
        assertThat(owner.attempts()).isEmpty();

        owner.openChecks.get(0).complete(Set.of(1L, 2L, 3L)); // the dead node said these three
        assertThat(owner.sent).containsExactly(1L, 2L, 3L);
        assertThat(owner.attempts()).as("the rest of the question's rows in the window (32), not one by one")
                .containsExactlyElementsOf(LongStream.rangeClosed(4, 35).mapToObj(String::valueOf).toList());
        assertThat(owner.checks).hasSize(1);

        LongStream.rangeClosed(4, 500).forEach(seq -> owner.open.get(seq).complete(null));
        assertThat(owner.checks).as("then the next question, once those are done")
                .containsExactly(LongStream.rangeClosed(1, 500).boxed().toList(),
                        LongStream.rangeClosed(501, 600).boxed().toList());
        owner.openChecks.get(1).complete(Set.of());
        LongStream.rangeClosed(501, 600).forEach(seq -> owner.open.get(seq).complete(null));

        assertThat(owner.attempts()).hasSize(497 + 100 + 2).endsWith("600", "601", "602");
    }

    @Test
    void aCheckTheChannelCannotAnswerPausesTheLaneAndIsAskedAgain() {
        lane.add(rows(1, 3), true);
        lane.pump();
        owner.openChecks.get(0).completeExceptionally(new IllegalStateException("the room did not answer"));

        assertThat(owner.retries).containsExactly(NOW.plus(BACKOFF.delay(0)));
        assertThat(owner.attempts()).isEmpty();
    }

    @Test
    void aWindowThatFailedTogetherIsCheckedInOneQuestionBeforeItIsSentAgain() {
        lane.add(rows(1, 4), false);
        lane.pump();
        owner.open.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection lost")));
        synchronized (owner) {
            owner.clock = NOW.plus(BACKOFF.delay(0));
        }
        lane.resume();

        assertThat(owner.checks).containsExactly(List.of(1L, 2L, 3L, 4L));
    }

    @Test
    void aChannelThatSaysWhenToComeBackIsLeftAloneThatLongButNeverLessThanTheBackoff() {
        lane.add(rows(1, 1), false);
        lane.pump();
        owner.open.get(1L).completeExceptionally(new ChannelOutage("429", null, Duration.ofMinutes(2)));
        assertThat(owner.retries).containsExactly(NOW.plus(Duration.ofMinutes(2)));

        var other = new Owner();
        var lane2 = new Lane(FakePort.held("xmpp-room", 32), other, other, BACKOFF, Duration.ofHours(2));
        lane2.add(rows(1, 1), false);
        lane2.pump();
        other.open.get(1L).completeExceptionally(new ChannelOutage("503", null, Duration.ofMillis(1)));
        assertThat(other.retries).containsExactly(NOW.plus(BACKOFF.delay(0)));
    }
}

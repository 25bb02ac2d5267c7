package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.crosspost.message.outbox.OutboxFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inbox's turns: how many messages are accepted at once, and a flow that accepts another message. */
class InboxTest {

    private static final ChannelAddress BOX = ChannelAddress.parse("shoutbox:team");

    private final OutboxFixture fixture = OutboxFixture.of();

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Queues that start nothing, counting how many accepts are inside at once. */
    private static final class CountingQueues implements Queues {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public Optional<String> start(IncomingMessage message) {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            return Optional.empty();
        }

        @Override
        public List<QueueInfo> deployed() {
            return List.of();
        }
    }

    @Test
    void noMoreThanTheConfiguredNumberOfMessagesAreAcceptedAtOnceAndTheOthersWaitTheirTurn() {
        var queues = new CountingQueues();
        queues.hold = new CountDownLatch(1);
        var inbox = new Inbox(new MessageStore(fixture.jdbc()), queues, fixture.tx(), new MessageProperties(null, 2));

        List<CompletableFuture<Acceptance>> accepts = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        inbox.accept(IncomingMessage.of(BOX, "ext-" + i, "alice", "Alice", "line " + i))))
                .toList();
        await().until(() -> queues.inside.get() == 2);
        queues.hold.countDown();

        assertThat(accepts.stream().map(CompletableFuture::join).map(Acceptance::duplicate)).hasSize(6)
                .containsOnly(false);
        assertThat(queues.most.get()).isEqualTo(2);
    }

    /**
     * The soak's slow room: the chat's one intake thread queued behind every HTTP request for a shared turn. Its turn
     * is its own: with every shared turn taken and more requests waiting, a line from the stream is accepted at once.
     */
    @Test
    void aChannelsInOrderIntakeIsAcceptedWhileEveryOtherTurnIsTakenAndRequestsWait() {
        var queues = new CountingQueues();
        queues.hold = new CountDownLatch(1);
        var inbox = new Inbox(new MessageStore(fixture.jdbc()), queues, fixture.tx(), new MessageProperties(null, 1));
        List<CompletableFuture<Acceptance>> shouts = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        inbox.accept(IncomingMessage.of(BOX, "ext-" + i, "alice", "Alice", "shout " + i))))
                .toList();
        await().until(() -> queues.inside.get() == 1); // one shout inside, holding the only turn; two waiting

        var line = CompletableFuture.supplyAsync(() -> inbox.acceptFromStream(IncomingMessage.of(
                ChannelAddress.parse("xmpp-room:team@conference.localhost"), "stanza-1", "bob", "Bob", "a line")));

        await().until(() -> queues.inside.get() == 2); // the line is in beside the held shout
        assertThat(shouts).noneMatch(CompletableFuture::isDone);
        queues.hold.countDown();
        assertThat(line.join().duplicate()).isFalse();
        assertThat(shouts.stream().map(CompletableFuture::join)).hasSize(3);
    }

    @Test
    void aMessageAcceptedFromWithinAnotherOnesFlowDoesNotWaitForATurnOfItsOwn() {
        var queues = new CountingQueues();
        var inbox = new Inbox(new MessageStore(fixture.jdbc()), queues, fixture.tx(), new MessageProperties(null, 1));

        // as storeAsStory does: the flow of one message accepts another (its story event), in the same thread
        Acceptance outer = CompletableFuture.supplyAsync(() -> inbox.accept(
                IncomingMessage.of(BOX, "ext-outer", "alice", "Alice", "keep this"),
                m -> inbox.accept(IncomingMessage.of(ChannelAddress.parse("event:story"), "ext-inner", "crosspost",
                        "Crosspost", "a story")))).orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(outer.duplicate()).isFalse();
        assertThat(fixture.jdbc().sql("select count(*) from crosspost.messages").query(Long.class).single())
                .isEqualTo(2);
    }
}

package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound thread tries a message again later when the Inbox fails for it, keeps the messages of its channel behind
 * it in order, and takes other channels' messages in meanwhile.
 */
class InboundThreadTest {

    private static final ChannelAddress ROOM = ChannelAddress.parse("xmpp-room:team@conference.localhost");

    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private InboundThread inbound;

    @AfterEach
    void stop() {
        inbound.stop();
    }

    private static final ChannelAddress DIRECT = ChannelAddress.parse("xmpp-direct:bot");

    private static IncomingMessage line(String text) {
        return new IncomingMessage(text, ROOM, text, "alice", "Alice", text, Instant.now(), null, Map.of());
    }

    private static IncomingMessage direct(String text) {
        return new IncomingMessage(text, DIRECT, text, "bob", "Bob", text, Instant.now(), null, Map.of());
    }

    /** An Inbox that fails {@code failures} times for the line "first", and takes everything else at once. */
    private InboundThread failingFirst(int failures, Duration backoff) {
        AtomicInteger failed = new AtomicInteger();
        return new InboundThread(m -> {
            attempts.add(m.text());
            if (m.text().equals("first") && failed.getAndIncrement() < failures) {
                throw new IllegalStateException("database unreachable");
            }
            accepted.add(m.text());
        }, backoff);
    }

    @Test
    void aFailingInboxHoldsUpOnlyItsChannelAndItsMessageIsTriedAgainLater() {
        // the retry is a minute away: another channel's message must not wait for it, the room's next line must
        inbound = failingFirst(1, Duration.ofMinutes(1));

        inbound.execute(() -> inbound.accept(line("first"), () -> accepted.add("gave up")));
        inbound.execute(() -> inbound.accept(line("second"), () -> { }));
        inbound.execute(() -> inbound.accept(direct("to the bot"), () -> { }));

        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.contains("to the bot"));
        assertThat(attempts).containsExactly("first", "to the bot");
        assertThat(accepted).containsExactly("to the bot");
    }

    @Test
    void aMessageTheInboxTakesOnALaterAttemptIsKeptAndTheLinesBehindItFollowInOrder() {
        inbound = failingFirst(2, Duration.ofMillis(20));

        inbound.execute(() -> inbound.accept(line("first"), () -> accepted.add("gave up")));
        inbound.execute(() -> inbound.accept(line("second"), () -> { }));
        inbound.execute(() -> inbound.accept(line("third"), () -> { }));

        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.contains("third"));
        assertThat(accepted).containsExactly("first", "second", "third");
        assertThat(attempts).filteredOn("first"::equals).hasSize(InboundThread.ATTEMPTS);
    }

    @Test
    void afterTheLastFailedAttemptTheSenderIsToldOnceAndTheNextLinesAreTakenIn() {
        inbound = failingFirst(Integer.MAX_VALUE, Duration.ofMillis(20));

        inbound.execute(() -> inbound.accept(line("first"), () -> accepted.add("gave up")));
        inbound.execute(() -> inbound.accept(line("second"), () -> { }));

        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.contains("second"));
        assertThat(attempts).containsExactly("first", "first", "first", "second");
        assertThat(accepted).containsExactly("gave up", "second");
    }
}

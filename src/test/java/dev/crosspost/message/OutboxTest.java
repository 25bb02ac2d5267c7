package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboxTest {

    private final List<ChannelAddress> sent = new ArrayList<>();
    private String unavailable;

    private final OutboundPort shoutbox = new OutboundPort() {
        @Override
        public String kind() {
            return "shoutbox";
        }

        @Override
        public String unavailableReason() {
            return unavailable;
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
            sent.add(target);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    };

    private final Outbox outbox = new Outbox(List.of(shoutbox));

    private static OutgoingMessage from(String channel) {
        return new OutgoingMessage("out-1", "m-1", ChannelAddress.parse(channel), "alice", "Alice", "hi");
    }

    @Test
    void sendsThroughThePortOfTheTargetsKind() {
        var delivery = outbox.send(ChannelAddress.parse("shoutbox:b"), from("shoutbox:a"));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(sent).containsExactly(ChannelAddress.parse("shoutbox:b"));
    }

    @Test
    void neverSendsBackToTheChannelTheMessageCameFrom() {
        var delivery = outbox.send(ChannelAddress.parse("shoutbox:a"), from("shoutbox:a"));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SKIPPED);
        assertThat(delivery.reason()).contains("came from this channel");
        assertThat(sent).isEmpty();
    }

    @Test
    void skipsKindsWithoutAdapterAndSwitchedOffAdapters() {
        assertThat(outbox.send(ChannelAddress.parse("fax:123"), from("shoutbox:a")).reason())
                .contains("no adapter");
        unavailable = "switched off";
        assertThat(outbox.send(ChannelAddress.parse("shoutbox:b"), from("shoutbox:a")).reason())
                .isEqualTo("switched off");
        assertThat(sent).isEmpty();
    }

    @Test
    void theStableIdDependsOnMessageAndStepOnly() {
        assertThat(OutgoingMessage.idFor("m-1", "Task_A")).isEqualTo(OutgoingMessage.idFor("m-1", "Task_A"))
                .isNotEqualTo(OutgoingMessage.idFor("m-1", "Task_B"))
                .isNotEqualTo(OutgoingMessage.idFor("m-2", "Task_A"));
    }
}

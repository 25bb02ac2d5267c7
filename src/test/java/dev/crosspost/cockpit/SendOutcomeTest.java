package dev.crosspost.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import dev.crosspost.message.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;

class SendOutcomeTest {

    private static OutboxEntry row(String status, int attempts) {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        return new OutboxEntry("send-1", "message-1", "sms:+15551234567", status, attempts,
                attempts > 0 ? t.plusSeconds(5) : null, attempts > 0 ? "503 Service Unavailable" : null, t, null);
    }

    @Test
    void aPendingRowIsWaitingUntilAnAttemptFailedThenRetrying() {
        assertThat(SendOutcome.of(row("PENDING", 0)).label()).isEqualTo("waiting");
        assertThat(SendOutcome.of(row("PENDING", 3)).label()).isEqualTo("retrying");
    }

    @Test
    void doneRowsAreSentFailedOrSkipped() {
        assertThat(SendOutcome.of(row("SENT", 2)).label()).isEqualTo("sent");
        assertThat(SendOutcome.of(row("FAILED", 18)).label()).isEqualTo("failed");
        assertThat(SendOutcome.of(row("SKIPPED", 0)).label()).isEqualTo("skipped");
    }

    @Test
    void aFilterLooksForSendsNotDoneYetOrFailedOnly() {
        assertThat(SendOutcome.parse("retrying")).isEqualTo(SendOutcome.RETRYING);
        assertThat(SendOutcome.parse("failed")).isEqualTo(SendOutcome.FAILED);
        assertThatThrownBy(() -> SendOutcome.parse("sent")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendOutcome.parse("FAILED' or 1=1")).isInstanceOf(IllegalArgumentException.class);
    }
}

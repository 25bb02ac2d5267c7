package dev.crosspost.message.outbox;

import java.time.Instant;

/**
 * One send as the outbox table has it, for people looking into what became of a message (Cockpit's Messages tab).
 * Sends that were skipped (a channel switched off) and local effects (a shout appended) have no row: the send task's
 * {@code delivery_<task>} variable says what became of them.
 *
 * @param status PENDING, SENT, FAILED, or SKIPPED (a correction or removal the channel cannot make; lastError says why)
 * @param action SAY (the message's line), CORRECT (a correction of it) or RETRACT (taking it back)
 */
public record OutboxEntry(String id, String messageId, String target, String status, int attempts,
                          Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt, String action) {

    public OutboxEntry(String id, String messageId, String target, String status, int attempts,
                       Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
        this(id, messageId, target, status, attempts, nextAttemptAt, lastError, createdAt, sentAt, "SAY");
    }
}

package dev.crosspost.message.outbox;

import java.time.Instant;

/**
 * One send as the outbox table has it, for people looking into what became of a message (Cockpit's Messages tab).
 * Sends that were skipped (a channel switched off) and local effects (a shout appended) have no row: the send task's
 * {@code delivery_<task>} variable says what became of them.
 *
 * @param status PENDING, SENT or FAILED
 */
public record OutboxEntry(String id, String messageId, String target, String status, int attempts,
                          Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
}

package dev.crosspost.message;

import java.time.Instant;

/**
 * One send waiting in, or taken from, the outbox table.
 *
 * @param seq           the outbox sequence: rows of one target leave in this order
 * @param target        where it goes
 * @param message       what goes; {@link OutgoingMessage#id()} is the row's stable id
 * @param attempts      failed attempts so far
 * @param nextAttemptAt when the next attempt is due ({@code null}: now)
 * @param createdAt     when the accepting transaction wrote it: any attempt was made after it
 */
record OutboxRow(long seq, ChannelAddress target, OutgoingMessage message, int attempts, Instant nextAttemptAt,
                 Instant createdAt) {
}

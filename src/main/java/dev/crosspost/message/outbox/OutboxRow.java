package dev.crosspost.message.outbox;

import java.time.Instant;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;

/**
 * One send waiting in, or taken from, the outbox table.
 *
 * @param seq           the outbox sequence: rows of one target leave in this order
 * @param target        where it goes
 * @param message       what goes; {@link OutgoingMessage#id()} is the row's stable id
 * @param attempts      failed attempts so far
 * @param nextAttemptAt when the next attempt is due ({@code null}: now)
 * @param createdAt     when the accepting transaction wrote it: any attempt was made after it
 * @param heldBefore    whether a node held it before (it may have tried it): a row written by a node that does not
 *                      send its kind, and claimed for the first time, was never tried and needs no check whether an
 *                      earlier attempt arrived
 * @param action        what the row does with its line: says it, corrects or takes back the line of row
 *                      {@code replaces}
 * @param replaces      for a {@link Action#CORRECT} or {@link Action#RETRACT} row: the id of the row whose line it
 *                      changes (on the same target); else {@code null}
 */
record OutboxRow(long seq, ChannelAddress target, OutgoingMessage message, int attempts, Instant nextAttemptAt,
                 Instant createdAt, boolean heldBefore, Action action, String replaces) {

    /** What a row does at its target. */
    enum Action { SAY, CORRECT, RETRACT }

    /** A row that says its line. */
    OutboxRow(long seq, ChannelAddress target, OutgoingMessage message, int attempts, Instant nextAttemptAt,
              Instant createdAt, boolean heldBefore) {
        this(seq, target, message, attempts, nextAttemptAt, createdAt, heldBefore, Action.SAY, null);
    }
}

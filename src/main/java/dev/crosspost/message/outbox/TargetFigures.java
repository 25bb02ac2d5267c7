package dev.crosspost.message.outbox;

import java.time.Instant;

/**
 * The outbox's figures for one target channel.
 *
 * @param target        the channel address sends go to
 * @param pending       sends not done yet (retrying ones included)
 * @param retrying      pending sends that failed at least once
 * @param failed        sends given up on (refused, or retries ran out): see the incidents in Cockpit
 * @param oldestPending when the oldest pending send was queued; {@code null}: none pending
 */
public record TargetFigures(String target, long pending, long retrying, long failed, Instant oldestPending) {
}

package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cap on the sends to one target, for a kind of channel whose every send costs money (SMS): the channel owns its
 * policy, the outbox asks it before it writes a send of that kind and skips a send over the cap with the cap's
 * reason (never retried). The outbox answers from its own table, so the count holds across nodes and restarts.
 */
public interface SendCap {

    /** The channel kind this cap is for, as its {@link OutboundPort#kind()}. */
    String kind();

    /**
     * Whether one more send to {@code target} at {@code now} would be over the cap: empty when it fits, else why
     * (naming the setting) and how long until one more fits.
     *
     * @param sent when the sends to {@code target} (skipped ones not counted) were written, from a given time on
     */
    Optional<OverCap> overCap(ChannelAddress target, Instant now, SentSince sent);

    /**
     * The target's sends the outbox wrote since {@code from}, at most the {@code newest} most recent of them (a cap
     * of {@code n} never needs more than its {@code n} newest): their times, oldest first.
     */
    @FunctionalInterface
    interface SentSince {
        List<Instant> since(Instant from, int newest);
    }

    /** A send over its cap: why, and how long until one more send to the target fits. */
    record OverCap(String reason, Duration retryAfter) {
    }
}

package dev.crosspost.refusal;

import java.time.Duration;

/**
 * More than one may have or do at once (open live streams, say) or within a while (SMS to one number in an hour);
 * trying again later, or after closing one, works. {@link #retryAfter()}, when known, says how much later.
 */
public class TooMany extends Refusal {

    private final Duration retryAfter;

    public TooMany(String message) {
        this(message, null);
    }

    public TooMany(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until trying again can work, or {@code null} when that depends on the caller (closing a stream). */
    public Duration retryAfter() {
        return retryAfter;
    }
}

package dev.crosspost.message;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown by an {@link OutboundPort} when its channel cannot take a message for now (the chat server is down, the
 * bot is not connected, a line was not confirmed in time, the SMTP server does not answer). Sending again later
 * can help, so the send is retried; an outage is expected in the life of a broker and is logged as one warning
 * line, not as an error with a stack trace. Anything else a port throws is a bug and is logged as an error.
 * <p>
 * An {@link IllegalStateException}, as these failures were before they had a type of their own: code that
 * catches those (a session lost between two looks) keeps working.
 */
public class ChannelOutage extends IllegalStateException {

    private final Duration retryAfter;

    public ChannelOutage(String message) {
        this(message, null, null);
    }

    public ChannelOutage(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * An outage whose channel said when to come back (an HTTP receiver's {@code Retry-After} on 429 or 503): the
     * outbox waits at least that long before the next attempt, longer if its own backoff says so.
     */
    public ChannelOutage(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the channel asked to be left alone, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The outage behind a failure, if there is one in its chain of causes. */
    public static Optional<ChannelOutage> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelOutage outage) {
                return Optional.of(outage);
            }
        }
        return Optional.empty();
    }
}

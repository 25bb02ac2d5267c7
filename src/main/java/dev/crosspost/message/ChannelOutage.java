package dev.crosspost.message;

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

    public ChannelOutage(String message) {
        super(message);
    }

    public ChannelOutage(String message, Throwable cause) {
        super(message, cause);
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

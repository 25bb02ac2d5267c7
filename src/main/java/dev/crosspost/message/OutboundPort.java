package dev.crosspost.message;

/**
 * The outbound side of one kind of channel (shoutbox, xmpp-room, mail, ...). Ports are found by
 * {@link Outbox} through {@link #kind()}; a queue never knows which adapter it talks to.
 */
public interface OutboundPort {

    /** The channel kind this port sends to, for example {@code shoutbox}. */
    String kind();

    /**
     * Whether the port can send now. A port that is switched off by configuration returns a reason, and
     * sends to it are recorded as skipped instead of being retried.
     */
    default String unavailableReason() {
        return null;
    }

    /**
     * Sends {@code message} to {@code target}. Must be idempotent on {@link OutgoingMessage#id()} where the
     * channel allows it. Throws on a failure worth retrying (an outage).
     *
     * @throws IllegalArgumentException when the target can never be reached (unknown shoutbox, bad address)
     */
    void send(ChannelAddress target, OutgoingMessage message);
}

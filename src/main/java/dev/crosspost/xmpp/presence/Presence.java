package dev.crosspost.xmpp.presence;

import dev.crosspost.util.Contract;

/**
 * The XMPP adapter's declared contract for other features (the subscriptions' notifications): whether a
 * member's XMPP address is online, as the bot's roster sees it ({@link RosterPresence}). When
 * XMPP is off or no adapter provides it, callers treat every address as {@link State#UNKNOWN}.
 */
@Contract
public interface Presence {

    enum State { ONLINE, OFFLINE, UNKNOWN }

    /** The presence of {@code bareJid}; {@link State#UNKNOWN} when the adapter cannot tell. */
    State of(String bareJid);

    /**
     * Asks to see the presence of {@code bareJid} from now on (in XMPP: a presence subscription request, which
     * the person's client must approve), unless it is already visible or asked for. Best effort: never throws;
     * nothing happens while the adapter is off or disconnected.
     */
    default void watch(String bareJid) {
    }
}

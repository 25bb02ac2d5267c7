package dev.crosspost.member;

import java.util.Optional;

/**
 * XMPP addresses no member may claim as their own: the bot's, its rooms', the conference services'. The XMPP
 * adapter, which knows them, registers one bean; without it (no adapter) nothing is reserved.
 */
public interface ReservedAddresses {

    /** Why this bare JID (lower case) can be no member's address, or empty when it can be. */
    Optional<String> reserved(String bareJid);
}

package dev.crosspost.xmpp;

import java.util.Optional;

import dev.crosspost.member.Member;

/**
 * The {@code !commands} said to the bot, in a room or a direct message: the XMPP adapter hands them over here and
 * says the answer; they are not routed. The adapter declares this port and the bot feature ({@code bot/})
 * implements it, so the bot depends on the adapter and never the other way round.
 */
public interface ChatCommands {

    /** Whether the text is a command (then it is answered, not routed). */
    boolean accepts(String text);

    /** Whether the command's answer is the sender's business only: in a room, it is told them privately. */
    default boolean personal(String text) {
        return false;
    }

    /**
     * The answer to a command; never {@code null}. Runs on the adapter's inbound thread: keep it short.
     *
     * @param member    the member who said it, when the sender's address is a member's
     * @param senderJid the sender's bare JID (or occupant JID when a room hides real addresses)
     */
    String answer(String text, Optional<Member> member, String senderJid);
}

package dev.crosspost.bot;

import java.util.Optional;

import dev.crosspost.member.Member;

/**
 * One {@code !command} the bot answers itself (nothing is routed). Every Spring bean of this type is a
 * command: adding one is adding one class.
 */
public interface BotCommand {

    /** The name, without the {@code !}: {@code last} for {@code !last}. Lower case. */
    String name();

    /** One line for {@code !help}, e.g. {@code !last [n] – the newest n shouts of your team}. */
    String help();

    /** Whether the answer is the sender's business only: said in a room, it is answered by a private message. */
    default boolean personal() {
        return false;
    }

    /** The answer to the command; never {@code null}. Runs on the bot's inbound thread: keep it short. */
    String handle(Request request);

    /**
     * A command as the bot received it.
     *
     * @param member    the member who sent it, when the sender's address is a member's
     * @param senderJid the sender's bare JID (or occupant JID when a room hides real addresses)
     * @param args      what followed the command name, trimmed (may be empty)
     */
    record Request(Optional<Member> member, String senderJid, String args) {
    }
}

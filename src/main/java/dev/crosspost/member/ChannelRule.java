package dev.crosspost.member;

import java.util.Optional;

import dev.crosspost.refusal.Refusal;

/**
 * Who may read the channels of one kind (follow them, be notified of them). Each adapter whose channels
 * members can read registers one rule for its kind as a bean, the way it registers its outbound port; a kind
 * without a rule is read by no one (someone's private inbox, the bot's direct channel).
 */
public interface ChannelRule {

    /** The channel kind this rule is for, for example {@code shoutbox}. */
    String kind();

    /**
     * Empty when {@code member} may read the channel {@code <kind>:<name>}; else why not, as the refusal to
     * throw ({@link dev.crosspost.refusal.NotFound}, {@link dev.crosspost.refusal.Forbidden},
     * {@link dev.crosspost.refusal.Invalid}).
     */
    Optional<Refusal> refusal(Member member, String name);

    /**
     * Empty when {@code member} may read this one message of the channel (asked when they are told of it, so a
     * message they could read when it came but no longer can is not sent); by default, whether they may read the
     * channel. A kind whose messages are about things with their own readers (stories of a team) says so here.
     */
    default Optional<Refusal> refusal(Member member, String name, String messageId) {
        return refusal(member, name);
    }
}

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
}

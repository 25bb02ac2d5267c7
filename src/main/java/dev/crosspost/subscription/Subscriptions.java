package dev.crosspost.subscription;

import java.util.List;

import dev.crosspost.member.Member;
import dev.crosspost.util.Contract;

/**
 * The subscriptions feature's declared contract: members' subscriptions to channels, for features that manage
 * them (the chat bot's {@code !subscribe}, {@code !unsubscribe}, {@code !subscriptions}). A refusal (a channel the member may not read, a missing
 * e-mail address or phone number, a duplicate) is an {@link IllegalArgumentException} whose message is meant
 * for the member.
 */
@Contract
public interface Subscriptions {

    /** The member's subscriptions, by channel. */
    List<Entry> of(Member member);

    /**
     * Subscribes the member to {@code channel}.
     *
     * @param method   {@code xmpp}, {@code mail} or {@code sms}
     * @param interval {@code immediate}, {@code hourly}, {@code daily} or {@code weekly}
     */
    Entry subscribe(Member member, String channel, String method, String interval);

    /** Ends the member's subscriptions to {@code channel} (every method); returns those ended. */
    List<Entry> unsubscribe(Member member, String channel);

    /** One subscription as the member sees it. */
    record Entry(String id, String channel, String method, String interval) {
    }
}

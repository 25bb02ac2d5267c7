package dev.crosspost.xmpp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.xmpp.*} about people rather than the connection (those are in {@code XmppProperties}).
 *
 * @param guests        what becomes of a room line from someone who is not a member by a verified real JID:
 *                      {@code show-marked} (passed on with author {@code guest:<nickname>} and the name marked as a
 *                      guest's) or {@code drop}
 * @param chatRate      lines one person may say in one room, or send to the bot, per {@code chatRatePeriod}
 *                      (a burst of that many, then evenly); {@code 0}: no limit
 * @param chatRatePeriod the period of {@code chatRate}
 */
@ConfigurationProperties("crosspost.xmpp")
public record XmppChatProperties(@DefaultValue("show-marked") Guests guests,
                                 @DefaultValue("20") int chatRate,
                                 @DefaultValue("1m") Duration chatRatePeriod) {

    /** What becomes of a guest's room line. */
    public enum Guests { SHOW_MARKED, DROP }

    public XmppChatProperties {
        if (chatRate < 0 || chatRatePeriod.isNegative() || chatRatePeriod.isZero()) {
            throw new IllegalArgumentException("crosspost.xmpp.chat-rate must be 0 or more per a positive "
                    + "chat-rate-period, not " + chatRate + " per " + chatRatePeriod);
        }
    }
}

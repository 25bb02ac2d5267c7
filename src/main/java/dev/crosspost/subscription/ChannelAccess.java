package dev.crosspost.subscription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * Which channels a member may subscribe to, i.e. read: each kind's {@link ChannelRule}, registered by its
 * adapter. A kind without a rule ({@code xmpp:}, {@code mail:}, {@code sms:} are someone's private inbox,
 * {@code xmpp-direct:} is the bot's) is read by no one. Two rules for one kind stop the application at start.
 */
@Component
class ChannelAccess {

    private final Map<String, ChannelRule> rules;

    ChannelAccess(List<ChannelRule> rules) {
        this.rules = rules.stream().collect(Collectors.toUnmodifiableMap(ChannelRule::kind, Function.identity()));
    }

    /** Empty when the member may read the channel, else the refusal to throw. */
    Optional<Refusal> refusal(Member member, ChannelAddress channel) {
        ChannelRule rule = rules.get(channel.kind());
        if (rule == null) {
            return Optional.of(new Forbidden("channels of kind '" + channel.kind() + "' cannot be subscribed to"));
        }
        return rule.refusal(member, channel.name());
    }

    boolean canRead(Member member, ChannelAddress channel) {
        return refusal(member, channel).isEmpty();
    }

    /** Whether the member may read this message of the channel, now (a team's story: only that team). */
    boolean canRead(Member member, ChannelAddress channel, String messageId) {
        ChannelRule rule = rules.get(channel.kind());
        return rule != null && rule.refusal(member, channel.name(), messageId).isEmpty();
    }
}

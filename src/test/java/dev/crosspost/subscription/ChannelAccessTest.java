package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Refusal;
import org.junit.jupiter.api.Test;

/** Each kind's own rule decides; a kind without one is read by no one; two rules for one kind are a mistake. */
class ChannelAccessTest {

    private final Member bob = new Member("bob", "Bob", null, null, null, Set.of("team"), false);

    private static ChannelRule rule(String kind, String readable) {
        return new ChannelRule() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Optional<Refusal> refusal(Member member, String name) {
                return name.equals(readable) ? Optional.empty() : Optional.of(new Forbidden("not " + name));
            }
        };
    }

    @Test
    void theRuleOfTheChannelsKindDecides() {
        var access = new ChannelAccess(List.of(rule("shoutbox", "team"), rule("event", "story")));

        assertThat(access.canRead(bob, ChannelAddress.parse("shoutbox:team"))).isTrue();
        assertThat(access.canRead(bob, ChannelAddress.parse("event:story"))).isTrue();
        assertThat(access.refusal(bob, ChannelAddress.parse("shoutbox:ops"))).get()
                .isInstanceOf(Forbidden.class).extracting(Refusal::getMessage).isEqualTo("not ops");
    }

    @Test
    void aKindWithoutARuleIsReadByNoOne() {
        var access = new ChannelAccess(List.of(rule("shoutbox", "team")));

        assertThat(access.refusal(bob, ChannelAddress.parse("mail:bob@example.org"))).get()
                .isInstanceOf(Forbidden.class).extracting(Refusal::getMessage)
                .isEqualTo("channels of kind 'mail' cannot be subscribed to");
    }

    @Test
    void twoRulesForOneKindAreRefusedAtStart() {
        assertThatThrownBy(() -> new ChannelAccess(List.of(rule("shoutbox", "a"), rule("shoutbox", "b"))))
                .isInstanceOf(IllegalStateException.class);
    }
}

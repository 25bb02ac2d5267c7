package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.crosspost.xmpp.connection.XmppProperties;
import org.junit.jupiter.api.Test;

/** The chat limit's one reply per flood, and the {@code !post <team> text} form of a direct message. */
class ChatRulesTest {

    /** The defaults of {@code crosspost.xmpp.*}, but for the chat rate. */
    private static XmppProperties chat(int rate, Duration period) {
        return new XmppProperties(false, null, 5222, "localhost", "bot", null, "crosspost", "crosspost",
                List.of(), XmppProperties.Tls.REQUIRED, "", Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60), 32,
                XmppProperties.Guests.SHOW_MARKED, rate, period, Duration.ZERO);
    }

    @Test
    void overTheLimitTheSenderIsToldOnceUntilALineIsLetThroughAgain() {
        var limits = new ChatLimits(chat(3, Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take("alice", "xmpp-room:team@c")).isEqualTo(ChatLimits.Verdict.PASS);
        }
        assertThat(limits.take("alice", "xmpp-room:team@c")).isEqualTo(ChatLimits.Verdict.REFUSE_AND_TELL);
        assertThat(limits.take("alice", "xmpp-room:team@c")).isEqualTo(ChatLimits.Verdict.REFUSE);
        assertThat(limits.take("alice", "xmpp-room:team@c")).isEqualTo(ChatLimits.Verdict.REFUSE);
        // per sender and channel
        assertThat(limits.take("bob", "xmpp-room:team@c")).isEqualTo(ChatLimits.Verdict.PASS);
        assertThat(limits.take("alice", "xmpp-direct:bot")).isEqualTo(ChatLimits.Verdict.PASS);
    }

    @Test
    void aRateOfZeroLimitsNothing() {
        var limits = new ChatLimits(chat(0, Duration.ofMinutes(1)));
        for (int i = 0; i < 100; i++) {
            assertThat(limits.take("alice", "xmpp-direct:bot")).isEqualTo(ChatLimits.Verdict.PASS);
        }
    }

    @Test
    void postNamesATeamAndKeepsTheRestOfTheText() {
        assertThat(DirectPost.parse("!post ops deploy is done\nsecond line"))
                .contains(new DirectPost("ops", "deploy is done\nsecond line"));
        assertThat(DirectPost.parse("  !POST team  hi ")).contains(new DirectPost("team", "hi"));
        assertThat(DirectPost.isPost("!post")).isTrue();
        assertThat(DirectPost.parse("!post")).isEmpty();
        assertThat(DirectPost.parse("!post team")).isEmpty();
        assertThat(DirectPost.isPost("!poster team hi")).isFalse();
        assertThat(DirectPost.isPost("hello !post team hi")).isFalse();
    }
}

package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.xmpp.presence.Presence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Where a subscriber is reached, and the offline-XMPP preference. */
class TargetsTest {

    private final Map<String, String> settings = new HashMap<>();
    private final Directory directory = new Directory() {
        @Override
        public Optional<Member> member(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<Member> memberByXmpp(String bareJid) {
            return Optional.empty();
        }

        @Override
        public boolean teamExists(String teamId) {
            return true;
        }

        @Override
        public void updateProfile(String memberId, String xmpp, String phone) {
        }

        @Override
        public String setting(String memberId, String name) {
            return settings.get(memberId + "/" + name);
        }
    };

    private final Member bob = new Member("bob", "Bob", "bob@example.org", "bob@xmpp.test", "+15551234567", Set.of(),
            false);

    private Targets targets(Presence.State state) {
        var beans = new StaticListableBeanFactory();
        if (state != null) {
            beans.addBean("presence", (Presence) jid -> state);
        }
        return new Targets(directory, beans.getBeanProvider(Presence.class));
    }

    @Test
    void eachMethodUsesTheMembersAddress() {
        assertThat(targets(null).of(bob, Subscription.Method.MAIL)).hasValueSatisfying(
                a -> assertThat(a).hasToString("mail:bob@example.org"));
        assertThat(targets(null).of(bob, Subscription.Method.SMS)).hasValueSatisfying(
                a -> assertThat(a).hasToString("sms:+15551234567"));
        assertThat(targets(null).of(new Member("x", "X", null, null, null, Set.of(), false), Subscription.Method.SMS))
                .isEmpty();
    }

    @Test
    void anOfflineXmppSubscriberGetsMailOnlyWhenTheyAskedForIt() {
        assertThat(targets(Presence.State.OFFLINE).of(bob, Subscription.Method.XMPP)).hasValueSatisfying(
                a -> assertThat(a).as("default: send anyway, the server keeps it").hasToString("xmpp:bob@xmpp.test"));
        settings.put("bob/" + Targets.XMPP_OFFLINE, "mail");
        assertThat(targets(Presence.State.OFFLINE).of(bob, Subscription.Method.XMPP)).hasValueSatisfying(
                a -> assertThat(a).hasToString("mail:bob@example.org"));
        assertThat(targets(Presence.State.ONLINE).of(bob, Subscription.Method.XMPP)).hasValueSatisfying(
                a -> assertThat(a).hasToString("xmpp:bob@xmpp.test"));
        assertThat(targets(Presence.State.UNKNOWN).of(bob, Subscription.Method.XMPP)).hasValueSatisfying(
                a -> assertThat(a).as("XMPP off or no presence: send").hasToString("xmpp:bob@xmpp.test"));
        assertThat(targets(null).of(bob, Subscription.Method.XMPP)).hasValueSatisfying(
                a -> assertThat(a).as("no presence port at all").hasToString("xmpp:bob@xmpp.test"));
    }
}

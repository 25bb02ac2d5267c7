package dev.crosspost.xmpp.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.xmpp.presence.Presence.State;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.Test;

/** Which roster states tell online or offline, and what the bot knows without a connection. */
class RosterPresenceTest {

    @Test
    void onlyAContactWhosePresenceTheBotMaySeeAndHasHeardIsOnlineOrOffline() {
        assertThat(RosterPresence.state(ItemType.both, true, true)).isEqualTo(State.ONLINE);
        assertThat(RosterPresence.state(ItemType.to, true, true)).isEqualTo(State.ONLINE);
        assertThat(RosterPresence.state(ItemType.both, true, false)).isEqualTo(State.OFFLINE);
        assertThat(RosterPresence.state(ItemType.to, true, false)).isEqualTo(State.OFFLINE);

        assertThat(RosterPresence.state(ItemType.both, false, false)).as("roster loaded, presences not yet")
                .isEqualTo(State.UNKNOWN);
        assertThat(RosterPresence.state(ItemType.from, true, false)).as("they see the bot, not the other way round")
                .isEqualTo(State.UNKNOWN);
        assertThat(RosterPresence.state(ItemType.none, true, false)).as("request pending or denied")
                .isEqualTo(State.UNKNOWN);
        assertThat(RosterPresence.state(ItemType.remove, true, false)).isEqualTo(State.UNKNOWN);
        assertThat(RosterPresence.state(null, false, false)).as("no contact").isEqualTo(State.UNKNOWN);
    }

    @Test
    void beforeAnyConnectionEveryAddressIsUnknownAndWatchingDoesNothing() {
        var presence = new RosterPresence(new Directory() {
            @Override
            public Optional<Member> member(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<Member> memberByXmpp(String bareJid) {
                throw new AssertionError("no subscription request can come in without a connection");
            }

            @Override
            public boolean teamExists(String teamId) {
                return false;
            }

            @Override
            public void updateProfile(String memberId, String xmpp, String phone) {
            }
        });

        assertThat(presence.of("alice@example.org")).isEqualTo(State.UNKNOWN);
        assertThat(presence.of("not a jid @@")).isEqualTo(State.UNKNOWN);
        assertThat(presence.of(null)).isEqualTo(State.UNKNOWN);
        presence.watch("alice@example.org"); // XMPP off: nothing to ask with, and no exception
        presence.watch(null);
    }
}

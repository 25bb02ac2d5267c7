package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.Refusal;
import org.junit.jupiter.api.Test;

/** Who reads a team's shoutbox: its members and admins; a team that does not exist has none. */
class ShoutboxRuleTest {

    private final ShoutboxRule rule = new ShoutboxRule(new Directory() {
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
            return Set.of("team", "ops").contains(teamId);
        }

        @Override
        public void updateProfile(String memberId, String xmpp, String phone) {
        }
    }, org.mockito.Mockito.mock(ShoutStore.class));

    private final Member bob = new Member("bob", "Bob", null, null, null, Set.of("team"), false);
    private final Member admin = new Member("admin", "Admin", null, null, null, Set.of(), true);

    @Test
    void membersAndAdminsReadTheTeamsShoutbox() {
        assertThat(rule.kind()).isEqualTo("shoutbox");
        assertThat(rule.refusal(bob, "team")).isEmpty();
        assertThat(rule.refusal(admin, "ops")).isEmpty();
    }

    @Test
    void anotherTeamIsForbiddenAndAMissingOneNotFound() {
        assertThat(rule.refusal(bob, "ops")).get().isInstanceOf(Forbidden.class)
                .extracting(Refusal::getMessage).isEqualTo("you are not a member of team 'ops'");
        assertThat(rule.refusal(admin, "nope")).get().isInstanceOf(NotFound.class)
                .extracting(Refusal::getMessage).isEqualTo("no shoutbox 'nope'");
    }
}

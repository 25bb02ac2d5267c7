package dev.crosspost.shoutbox;

import java.util.Optional;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * {@code shoutbox:<team>}: the team exists and the member is in it (admins: every team). A message of the shoutbox
 * (a shout posted there) is read while the shout is there: a removed shout is no longer notified of, nor listed in a
 * digest not yet sent.
 */
@Component
class ShoutboxRule implements ChannelRule {

    private final Directory directory;
    private final ShoutStore store;

    ShoutboxRule(Directory directory, ShoutStore store) {
        this.directory = directory;
        this.store = store;
    }

    @Override
    public String kind() {
        return ShoutboxService.KIND;
    }

    @Override
    public Optional<Refusal> refusal(Member member, String team) {
        if (!directory.teamExists(team)) {
            return Optional.of(new NotFound("no shoutbox '" + team + "'"));
        }
        return member.canAccessTeam(team) ? Optional.empty()
                : Optional.of(new Forbidden("you are not a member of team '" + team + "'"));
    }

    @Override
    public Optional<Refusal> refusal(Member member, String team, String messageId) {
        return refusal(member, team).or(() -> store.find(messageId).isPresent() ? Optional.empty()
                : Optional.of(new NotFound("the shout '" + messageId + "' was removed")));
    }
}

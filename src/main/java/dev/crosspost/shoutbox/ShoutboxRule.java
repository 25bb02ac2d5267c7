package dev.crosspost.shoutbox;

import java.util.Optional;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/** {@code shoutbox:<team>}: the team exists and the member is in it (admins: every team). */
@Component
class ShoutboxRule implements ChannelRule {

    private final Directory directory;

    ShoutboxRule(Directory directory) {
        this.directory = directory;
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
}

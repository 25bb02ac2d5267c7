package dev.crosspost.member;

import java.util.List;

import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.stereotype.Service;

/**
 * Which team's shoutbox a member's message goes to when the channel it came on belongs to no team (a direct message
 * to the bot): the team they named, if they may post there, else their one team. Someone in no team, or in several
 * without naming one, is told how to choose.
 */
@Service
public class PostingTeams {

    private final Directory directory;

    public PostingTeams(Directory directory) {
        this.directory = directory;
    }

    /**
     * The team for {@code memberId}'s message.
     *
     * @param requested the team the member named ({@code !post <team> text}), or {@code null}
     * @throws Invalid    when the member is in no team, or in several and named none (the message says how to choose)
     * @throws Forbidden  when the member may not post to the team they named
     */
    public String choose(String memberId, String requested) {
        Member member = directory.member(memberId)
                .orElseThrow(() -> new Forbidden("you are not a Crosspost member, so your message goes nowhere"));
        List<String> own = member.teams().stream().filter(t -> !t.equals(Groups.CAMUNDA_ADMIN)).sorted().toList();
        if (requested != null && !requested.isBlank()) {
            String team = requested.strip();
            if (member.canAccessTeam(team) && directory.teamExists(team)) {
                return team;
            }
            throw new Forbidden("you are not a member of team " + team + ", so your message was not posted. "
                    + choices(own));
        }
        if (own.size() == 1) {
            return own.get(0);
        }
        throw new Invalid(own.isEmpty()
                ? "you are in no team, so your message was not posted. Ask an admin to add you to a team."
                : "you are in several teams, so your message was not posted. " + choices(own));
    }

    private static String choices(List<String> teams) {
        return teams.isEmpty() ? "You are in no team."
                : "Say which team: !post <team> text, e.g. !post " + teams.get(0) + " hello (your teams: "
                        + String.join(", ", teams) + ").";
    }
}

package dev.crosspost.member;

import java.util.Set;

/**
 * A person in Crosspost's one directory (kept in Camunda Admin).
 *
 * @param id    the user id (login name)
 * @param name  the display name
 * @param email the e-mail address, if any
 * @param xmpp  the XMPP address (bare JID), if the member verified it (an unconfirmed address is not here)
 * @param phone the phone number for SMS, if the member verified it
 * @param teams the ids of the teams (groups) the member belongs to
 * @param admin whether the member is a Crosspost/Camunda administrator
 */
public record Member(String id, String name, String email, String xmpp, String phone, Set<String> teams,
                     boolean admin) {

    public Member {
        teams = teams == null ? Set.of() : Set.copyOf(teams);
    }

    /** Whether this member may read and post in the team's channels. */
    public boolean canAccessTeam(String teamId) {
        return admin || teams.contains(teamId);
    }
}

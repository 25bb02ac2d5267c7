package dev.crosspost.xmpp;

import java.util.Locale;
import java.util.Optional;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Member;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * {@code xmpp-room:<team>@<conference host>}: a team's room is named after the team, so only the team's
 * members read it (admins: every room). {@code xmpp:} and {@code xmpp-direct:} have no rule: they are a
 * person's inbox and the bot's, read by no one else.
 */
@Component
class XmppRoomRule implements ChannelRule {

    @Override
    public String kind() {
        return XmppChannels.ROOM;
    }

    @Override
    public Optional<Refusal> refusal(Member member, String room) {
        if (member.admin()) {
            return Optional.empty();
        }
        int at = room.indexOf('@');
        String team = at <= 0 ? "" : room.substring(0, at).toLowerCase(Locale.ROOT);
        return member.teams().contains(team) ? Optional.empty()
                : Optional.of(new Forbidden("only the members of team '" + team + "' may follow the room " + room));
    }
}

package dev.crosspost.subscription;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import org.springframework.stereotype.Component;

/**
 * Which channels a member may subscribe to, i.e. read:
 * <ul>
 *   <li>{@code shoutbox:<team>}: the team exists and the member is in it (admins: every team);</li>
 *   <li>{@code xmpp-room:<team>@<conference host>}: a team's room is named after the team, so the same rule
 *       (admins: every room);</li>
 *   <li>{@code event:<kind>} (stories, comments): every member, they are shown to everyone;</li>
 *   <li>anything else ({@code xmpp:}, {@code mail:}, {@code sms:} are someone's private inbox,
 *       {@code xmpp-direct:} is the bot's): no one.</li>
 * </ul>
 */
@Component
class ChannelAccess {

    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final Directory directory;

    ChannelAccess(Directory directory) {
        this.directory = directory;
    }

    /** {@code null} when the member may read the channel, else why not (for a 403/404 message). */
    String refusal(Member member, ChannelAddress channel) {
        switch (channel.kind()) {
            case "shoutbox" -> {
                if (!directory.teamExists(channel.name())) {
                    return "no shoutbox '" + channel.name() + "'";
                }
                return member.canAccessTeam(channel.name()) ? null
                        : "you are not a member of team '" + channel.name() + "'";
            }
            case "xmpp-room" -> {
                if (member.admin()) {
                    return null;
                }
                int at = channel.name().indexOf('@');
                String team = at <= 0 ? "" : channel.name().substring(0, at).toLowerCase(Locale.ROOT);
                return member.teams().contains(team) ? null
                        : "only the members of team '" + team + "' may follow the room " + channel.name();
            }
            case "event" -> {
                return EVENT.matcher(channel.name()).matches() ? null
                        : "event channels are named like event:story (lower-case letters, digits, '-')";
            }
            default -> {
                return "channels of kind '" + channel.kind() + "' cannot be subscribed to";
            }
        }
    }

    boolean canRead(Member member, ChannelAddress channel) {
        return refusal(member, channel) == null;
    }
}

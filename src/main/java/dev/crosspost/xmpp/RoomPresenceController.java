package dev.crosspost.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.Member;
import io.swagger.v3.oas.annotations.Operation;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is in the teams' chat rooms now, as the bot sees them (its presence in each room it joined). A team's room
 * is named after the team ({@code team@conference...}), so a member sees the rooms of the teams they are in.
 */
@RestController
class RoomPresenceController {

    private final XmppConnection connection;
    private final XmppProperties properties;

    RoomPresenceController(XmppConnection connection, XmppProperties properties) {
        this.connection = connection;
        this.properties = properties;
    }

    /**
     * One room: {@code present} is false when the bot is not in it (XMPP off or not connected), and then
     * {@code occupants} says nothing.
     */
    record Room(String room, String team, boolean present, List<String> occupants) {
    }

    @Operation(summary = "Who is in the caller's teams' chat rooms now (as the bot sees them)")
    @GetMapping("/api/rooms")
    List<Room> rooms(Member reader) {
        List<Room> answer = new ArrayList<>();
        for (String room : properties.rooms()) {
            String team = room.substring(0, Math.max(0, room.indexOf('@'))).toLowerCase(Locale.ROOT);
            if (!team.isEmpty() && reader.canAccessTeam(team)) {
                answer.add(room(room, team));
            }
        }
        return answer;
    }

    private Room room(String room, String team) {
        if (!properties.enabled() || !connection.connected()) {
            return new Room(room, team, false, List.of());
        }
        try {
            var rooms = connection.session().rooms();
            var jid = JidCreate.entityBareFrom(room);
            return new Room(room, team, rooms.isJoined(jid), rooms.occupants(jid));
        } catch (ChannelOutage | XmppStringprepException gone) {
            return new Room(room, team, false, List.of());
        }
    }
}

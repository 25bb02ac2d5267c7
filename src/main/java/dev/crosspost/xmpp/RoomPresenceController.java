package dev.crosspost.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.crosspost.member.Member;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.Rooms;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is in the teams' chat rooms now, as the bot sees them (its presence in each room it joined). A team's room
 * is named after the team ({@code team@conference...}), so a member sees the rooms of the teams they are in.
 */
@RestController
class RoomPresenceController {

    private final Rooms rooms;
    private final XmppProperties properties;

    RoomPresenceController(Rooms rooms, XmppProperties properties) {
        this.rooms = rooms;
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
        if (!properties.enabled()) {
            return new Room(room, team, false, List.of());
        }
        return rooms.occupants(Rooms.roomJid(room))
                .map(occupants -> new Room(room, team, true, occupants))
                .orElseGet(() -> new Room(room, team, false, List.of()));
    }
}

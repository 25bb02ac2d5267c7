package dev.crosspost.xmpp;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.crosspost.xmpp.room.RoomIdentity;
import org.springframework.stereotype.Component;

/** The bot's rooms that hide real JIDs from it, as warnings on the channel overview. */
@Component
class AnonymousRooms implements RoomWarnings {

    static final String HIDES_REAL_JIDS = "the room hides its occupants' real JIDs from the bot, so every line "
            + "there counts as a guest's: make it non-anonymous (whois: anyone) or the bot a moderator";

    private final RoomIdentity identity;

    AnonymousRooms(RoomIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Map<String, String> warnings() {
        Map<String, String> warnings = new LinkedHashMap<>();
        identity.hidingRealJids().forEach(room -> warnings.put(XmppChannels.ROOM + ":" + room, HIDES_REAL_JIDS));
        return warnings;
    }
}

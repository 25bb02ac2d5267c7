package dev.crosspost.xmpp;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.ReservedAddresses;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.Rooms;
import org.springframework.stereotype.Component;

/**
 * The XMPP addresses that are no member's: the bot's own, every room the bot is configured for or was asked to
 * speak in, and any address on those rooms' conference services (a room's occupants and rooms not yet made).
 */
@Component
class ReservedJids implements ReservedAddresses {

    private final XmppProperties properties;
    private final Rooms rooms;

    ReservedJids(XmppProperties properties, Rooms rooms) {
        this.properties = properties;
        this.rooms = rooms;
    }

    @Override
    public Optional<String> reserved(String bareJid) {
        String jid = bareJid.toLowerCase(Locale.ROOT);
        if (jid.equals(properties.botJid().toLowerCase(Locale.ROOT))) {
            return Optional.of("it is the Crosspost bot's address");
        }
        Set<String> roomJids = new HashSet<>();
        properties.rooms().forEach(r -> roomJids.add(r.toLowerCase(Locale.ROOT)));
        rooms.states().keySet().forEach(r -> roomJids.add(r.toLowerCase(Locale.ROOT)));
        if (roomJids.contains(jid)) {
            return Optional.of("it is a chat room's address");
        }
        String domain = jid.substring(jid.indexOf('@') + 1);
        boolean conference = roomJids.stream().anyMatch(r -> r.substring(r.indexOf('@') + 1).equals(domain));
        return conference ? Optional.of("it is on the conference service " + domain + ", where rooms live")
                : Optional.empty();
    }
}

package dev.crosspost.xmpp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms the bot keeps itself in, for {@link XmppConnection}: joins every room on each new session, joins a
 * room again when asked (for the history of a fresh join), and checks every room with an XEP-0410 self-ping,
 * rejoining one that silently dropped the bot. Every join is told to the {@link JoinListener}s with the history
 * the room replayed.
 */
final class RoomJoiner {

    /** Told of every join of a room, on the joining thread, once the room's history is in. */
    interface JoinListener {
        void joined(XmppSession session, EntityBareJid room, HistoryJoin.Joined joined);
    }

    // Logs under the connection's name, as these lines always did.
    private static final Logger log = LoggerFactory.getLogger(XmppConnection.class);

    private final XmppProperties properties;
    private final Set<EntityBareJid> wantedRooms = ConcurrentHashMap.newKeySet();
    private final Set<EntityBareJid> greeted = ConcurrentHashMap.newKeySet();
    private final List<JoinListener> joinListeners = new CopyOnWriteArrayList<>();

    RoomJoiner(XmppProperties properties) {
        this.properties = properties;
        properties.rooms().forEach(room -> wantedRooms.add(roomJid(room)));
    }

    static EntityBareJid roomJid(String room) {
        try {
            return JidCreate.entityBareFrom(room);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a room address: '" + room + "'");
        }
    }

    void onJoin(JoinListener listener) {
        joinListeners.add(listener);
    }

    /** Joins the room now on {@code s} if needed (on the caller's thread) and keeps it among the rooms to rejoin. */
    void keep(XmppSession s, EntityBareJid room) throws Exception {
        wantedRooms.add(room);
        if (!s.rooms().isJoined(room)) {
            join(s, room);
        }
    }

    /** Joins every room on a new session. */
    void joinAll(XmppSession s) {
        wantedRooms.forEach(room -> tryJoin(s, room));
    }

    /**
     * Joins the room again on {@code s} (leaving it first), unless {@code s} is dead or the bot is in the room
     * through a join that began after {@code since}.
     */
    void rejoin(XmppSession s, EntityBareJid room, long since) {
        if (s.isAlive() && !s.rooms().joinedAfter(room, since)) {
            s.rooms().leave(room);
            tryJoin(s, room);
        }
    }

    /** Per room: whether the bot is in it on {@code s} (none when {@code null}). */
    Map<String, Boolean> states(XmppSession s) {
        Map<String, Boolean> states = new LinkedHashMap<>();
        wantedRooms.forEach(room -> states.put(room.toString(), s != null && s.rooms().isJoined(room)));
        return states;
    }

    /** Joins each room the bot is not in, and self-pings the others. */
    void check(XmppSession s) {
        for (EntityBareJid room : wantedRooms) {
            try {
                if (!s.rooms().isJoined(room)) {
                    tryJoin(s, room);
                } else if (s.rooms().selfPing(room) == RoomPing.RoomState.NOT_JOINED) {
                    // Rejoined on the next check, once Smack has let go of the room.
                    log.warn("xmpp silently dropped from room {}: rejoining", room);
                    s.rooms().dropRoom(room);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void tryJoin(XmppSession s, EntityBareJid room) {
        try {
            join(s, room);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("xmpp could not join {}: {}", room, e.toString());
        }
    }

    private void join(XmppSession s, EntityBareJid room) throws Exception {
        var joined = s.rooms().join(room);
        if (joined == null) {
            return; // joined meanwhile on another thread
        }
        log.info("xmpp joined {}{}", room, joined.created() ? " (created it as an instant room)" : "");
        joinListeners.forEach(listener -> listener.joined(s, room, joined));
        if (!properties.greeting().isBlank() && greeted.add(room)) {
            s.rooms().say(room, properties.greeting(), "greeting-" + java.util.UUID.randomUUID());
        }
    }
}

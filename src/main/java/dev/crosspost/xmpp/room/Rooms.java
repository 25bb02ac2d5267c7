package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.connection.XmppSession;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rooms the bot keeps itself in, subscribed to the {@link XmppConnection}: joins every room on each new
 * session, joins a room again when asked (for the history of a fresh join), and checks every room with an
 * XEP-0410 self-ping, rejoining one that silently dropped the bot. Every join is told to the
 * {@link JoinListener}s with the history the room replayed; every line others say in a room to the
 * {@link LineListener}s. The bot's lines go out through each room's {@link RoomWindow} ({@link #send}).
 */
@Component
public class Rooms implements XmppConnection.Listener {

    /** Told of every join of a room, on the joining thread, once the room's history is in. */
    interface JoinListener {
        void joined(XmppSession session, EntityBareJid room, HistoryJoin.Joined joined);
    }

    /**
     * Told of every line said in a room by someone else than the bot: no history, no room notices, no echo of the
     * bot's own lines. On Smack's thread, in the order the room said them: hand the line over and return.
     */
    public interface LineListener {
        /**
         * {@code realJid}: the sender's real JID where the room shows it; {@code late}: a line the room said while
         * the bot was not in it, from the room's archive ({@link RoomCatchUp}), on the joining thread.
         */
        void said(EntityBareJid room, Message message, Jid realJid, boolean late);

        /** When the newest line taken in from the room was received, if any: where a catch-up begins. */
        default Optional<Instant> newestTakenIn(EntityBareJid room) {
            return Optional.empty();
        }

        /**
         * Which of {@code archiveIds} (the room's stanza-ids of its lines) were taken in already: a catch-up reads
         * the archive from a margin before the newest line taken in, and skips these.
         */
        default Set<String> takenIn(EntityBareJid room, List<String> archiveIds) {
            return Set.of();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Rooms.class);

    private final XmppProperties properties;
    private final XmppConnection connection;
    /** Each room's lines on their way, shared by every session: an echo after a reconnect is still the bot's. */
    private final Map<EntityBareJid, RoomWindow> windows = new ConcurrentHashMap<>();
    /** Joins asked for by lines for a room the bot is not in; the connection's thread may be busy reconnecting. */
    private final ExecutorService joiner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xmpp-room-join");
        t.setDaemon(true);
        return t;
    });
    /** The echo timeouts of every room's lines (RoomWindow); a cancelled one leaves the queue at once. */
    private final ScheduledThreadPoolExecutor echoTimer = echoTimer();
    private final Set<EntityBareJid> wantedRooms = ConcurrentHashMap.newKeySet();
    private final Set<EntityBareJid> greeted = ConcurrentHashMap.newKeySet();
    private final List<JoinListener> joinListeners = new CopyOnWriteArrayList<>();
    private final List<LineListener> lineListeners = new CopyOnWriteArrayList<>();
    private final RoomCatchUp catchUp;
    private final LiveLineGate gate = new LiveLineGate();

    public Rooms(XmppProperties properties, XmppConnection connection) {
        this.properties = properties;
        this.connection = connection;
        properties.rooms().forEach(room -> wantedRooms.add(roomJid(room)));
        this.catchUp = new RoomCatchUp(properties, new LineListener() {
            @Override
            public void said(EntityBareJid room, Message message, Jid realJid, boolean late) {
                lineListeners.forEach(l -> l.said(room, message, realJid, late));
            }

            @Override
            public Optional<Instant> newestTakenIn(EntityBareJid room) {
                return lineListeners.stream().map(l -> l.newestTakenIn(room)).flatMap(Optional::stream)
                        .max(Instant::compareTo);
            }

            @Override
            public Set<String> takenIn(EntityBareJid room, List<String> archiveIds) {
                // skipped only when every listener has it
                Set<String> all = null;
                for (LineListener l : lineListeners) {
                    Set<String> known = new HashSet<>(l.takenIn(room, archiveIds));
                    if (all == null) {
                        all = known;
                    } else {
                        all.retainAll(known);
                    }
                }
                return all == null ? Set.of() : all;
            }
        });
        connection.subscribe(this);
    }

    private static ScheduledThreadPoolExecutor echoTimer() {
        var timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "xmpp-echo-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    public static EntityBareJid roomJid(String room) {
        try {
            return JidCreate.entityBareFrom(room);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a room address: '" + room + "'");
        }
    }

    void onJoin(JoinListener listener) {
        joinListeners.add(listener);
    }

    public void onLine(LineListener listener) {
        lineListeners.add(listener);
    }

    @PreDestroy
    public void stop() {
        joiner.shutdownNow();
        echoTimer.shutdownNow();
    }

    RoomWindow window(EntityBareJid room) {
        return windows.computeIfAbsent(room, r -> new RoomWindow(r, properties.replyTimeout(), echoTimer));
    }

    /** The rooms joined on {@code s}. */
    SessionRooms rooms(XmppSession s) {
        return s.attached(SessionRooms.class, session -> new SessionRooms(session, properties, this::window,
                this::heardLive));
    }

    /**
     * A line heard live: passed on, unless its room is catching up after a join; then kept until the catch-up has
     * passed on the older lines of the archive, and passed on after them, in the order heard.
     */
    private void heardLive(EntityBareJid room, Message message, Jid realJid, boolean late) {
        gate.pass(room, () -> lineListeners.forEach(l -> l.said(room, message, realJid, late)));
    }

    /**
     * Says a line in the room with origin-id {@code originId}, joining the room first when the bot is not in it;
     * lines are said in the order of the calls. The future completes when the room echoes the line, and fails at
     * once when the bot is offline, or when the echo does not come in time or the connection breaks (then the line
     * may have been said: ask {@link RoomArchive} before saying it again).
     */
    public CompletableFuture<Void> send(EntityBareJid room, String originId, String text) {
        return send(room, originId, text, null);
    }

    /**
     * As {@link #send(EntityBareJid, String, String)}, a line that corrects or takes back ({@code change}) an earlier
     * line of the bot's, in the same order as the bot's other lines.
     */
    public CompletableFuture<Void> send(EntityBareJid room, String originId, String text, LineChange change) {
        XmppSession s;
        try {
            s = connection.session();
        } catch (IllegalStateException offline) {
            return CompletableFuture.failedFuture(offline);
        }
        wantedRooms.add(room);
        SessionRooms rooms = rooms(s);
        return window(room).send(rooms.wire(room), originId, text, change, () -> joiner.execute(() -> {
            Exception failure = null;
            try {
                join(s, room);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (Exception e) {
                failure = e;
            }
            window(room).joined(rooms.wire(room), failure);
        }));
    }

    @Override
    public void lost(XmppSession s) {
        windows.values().forEach(w -> w.lost(s));
    }

    /**
     * The rooms of the live session, with the room joined now if needed (on the caller's thread) and kept among
     * the rooms to rejoin. Throws when the bot is offline or cannot join.
     */
    SessionRooms joined(EntityBareJid room) throws Exception {
        XmppSession s = connection.session();
        wantedRooms.add(room);
        if (!rooms(s).isJoined(room)) {
            join(s, room);
        }
        return rooms(s);
    }

    /**
     * Says a line in the room (joining it if needed) and waits for its echo; throws when it cannot. The text is
     * made once the bot is in the room, so nothing is done for a line that cannot be said.
     */
    public void say(EntityBareJid room, Supplier<String> text) throws Exception {
        joined(room);
        try {
            send(room, UUID.randomUUID().toString(), text.get()).get(properties.replyTimeout().toMillis() * 2,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void opened(XmppSession s) {
        wantedRooms.forEach(room -> tryJoin(s, room));
    }

    /**
     * The join of the live session through which the bot is in the room, if it began after {@code since}
     * ({@link System#nanoTime()}; {@code null}: any join of the live session), else a fresh join (leaving the room
     * first), on the caller's thread: the history of a join tells which lines sent before it the room took. Waits
     * for a join under way on another thread. Throws when the bot is offline or cannot join.
     */
    HistoryJoin.Joined rejoin(EntityBareJid room, Long since) throws Exception {
        XmppSession s = connection.session();
        var joined = rooms(s).joinedSince(room, since);
        if (joined == null) {
            rooms(s).leave(room);
            join(s, room);
            joined = rooms(s).joinedSince(room, since);
        }
        if (joined == null) {
            throw new IllegalStateException("the bot could not join room " + room + " again");
        }
        return joined;
    }

    /** Per room: whether the bot is in it. */
    public Map<String, Boolean> states() {
        XmppSession s = connection.current().orElse(null);
        Map<String, Boolean> states = new LinkedHashMap<>();
        wantedRooms.forEach(room -> states.put(room.toString(), s != null && rooms(s).isJoined(room)));
        return states;
    }

    /**
     * The nicknames in the room now as the bot sees them (its own left out); empty when the bot is offline or not
     * in the room.
     */
    public Optional<List<String>> occupants(EntityBareJid room) {
        return connection.current().filter(XmppSession::isAlive).map(this::rooms).filter(rooms -> rooms.isJoined(room))
                .map(rooms -> rooms.occupants(room));
    }

    /** Joins each room the bot is not in, and self-pings the others. */
    @Override
    public void check(XmppSession s) {
        for (EntityBareJid room : wantedRooms) {
            try {
                if (!rooms(s).isJoined(room)) {
                    tryJoin(s, room);
                } else if (rooms(s).selfPing(room) == RoomPing.RoomState.NOT_JOINED) {
                    // Rejoined on the next check, once Smack has let go of the room.
                    log.warn("xmpp silently dropped from room {}: rejoining", room);
                    rooms(s).dropRoom(room);
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
        // Live lines wait until the catch-up has passed on what the room said before them (the soak's PostgreSQL
        // restart put 24 lines said while the bot was away after lines said once it was back).
        gate.close(room);
        try {
            var joined = rooms(s).join(room);
            if (joined == null) {
                return; // joined meanwhile on another thread
            }
            log.info("xmpp joined {}{}", room, joined.created() ? " (created it, non-anonymous)" : "");
            joinListeners.forEach(listener -> listener.joined(s, room, joined));
            catchUp.catchUp(rooms(s).chat(room), room, window(room)::own);
        } finally {
            gate.open(room);
        }
        if (!properties.greeting().isBlank() && greeted.add(room)) {
            window(room).sendNow(rooms(s).wire(room), "greeting-" + UUID.randomUUID(), properties.greeting());
        }
    }
}

package dev.crosspost.xmpp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.crosspost.message.ChannelOutage;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bot's one persistent session, owned by the adapter: connects in the background (the app starts even
 * when the chat server is down), reconnects with backoff and jitter, rejoins every room after a reconnect,
 * and checks every room regularly with an XEP-0410 self-ping, rejoining one that silently dropped the bot
 * (the rooms: {@link RoomJoiner}).
 */
@Component
class XmppConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(XmppConnection.class);

    private final XmppProperties properties;
    private final XmppSession.Handler handler;
    private final List<XmppSession.Setup> setups;
    private final SentLines sent = new SentLines();
    private final Backoff backoff;
    private final RoomJoiner rooms;
    private ScheduledExecutorService scheduler;
    private volatile XmppSession session;
    private volatile String lastProblem = "not connected yet";
    private int failedAttempts;

    XmppConnection(XmppProperties properties, XmppInbound inbound, List<XmppSession.Setup> setups) {
        this.properties = properties;
        this.handler = inbound.handlerFor(this);
        this.setups = List.copyOf(setups);
        this.backoff = new Backoff(properties.reconnectMin(), properties.reconnectMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.rooms = new RoomJoiner(properties);
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xmpp-connection");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(this::connect);
        long check = properties.roomCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkRooms, check, check, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        XmppSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** The live session; throws when there is none, so that an outbound job is retried later. */
    XmppSession session() {
        XmppSession s = session;
        if (s == null || !s.isAlive()) {
            throw new ChannelOutage("XMPP is not connected (" + lastProblem + ")");
        }
        return s;
    }

    boolean connected() {
        XmppSession s = session;
        return s != null && s.isAlive();
    }

    SentLines sentLines() {
        return sent;
    }

    /** Joins the room now if needed (on the caller's thread) and keeps it among the rooms to rejoin. */
    XmppSession joined(EntityBareJid room) throws Exception {
        XmppSession s = session();
        rooms.keep(s, room);
        return s;
    }

    void onJoin(RoomJoiner.JoinListener listener) {
        rooms.onJoin(listener);
    }

    /**
     * Joins the room again on that session (leaving it first) unless it was joined after {@code since}
     * ({@link System#nanoTime()}): the history of a fresh join tells which lines sent before it the room took.
     */
    void rejoin(XmppSession s, EntityBareJid room, long since) {
        ScheduledExecutorService sched = scheduler;
        if (sched != null && !sched.isShutdown()) {
            sched.execute(() -> {
                if (session == s) {
                    rooms.rejoin(s, room, since);
                }
            });
        }
    }

    /** Per room: whether the bot is in it. */
    Map<String, Boolean> roomStates() {
        return rooms.states(session);
    }

    String lastProblem() {
        return lastProblem;
    }

    private void connect() {
        try {
            XmppSession s = XmppSession.open(properties, sent, handler, setups);
            session = s;
            failedAttempts = 0;
            lastProblem = null;
            log.info("xmpp connected as {}", s.connection().getUser());
            rooms.joinAll(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
            scheduleReconnect();
        }
    }

    /** A session reports its loss (Smack thread): reconnect from our own thread. */
    void lost(XmppSession s, String why) {
        ScheduledExecutorService sched = scheduler;
        if (sched == null || sched.isShutdown()) {
            return;
        }
        sched.execute(() -> {
            if (session != s) {
                return;
            }
            session = null;
            lastProblem = why;
            log.warn("xmpp session lost: {}", why);
            s.close();
            scheduleReconnect();
        });
    }

    private void scheduleReconnect() {
        Duration delay = backoff.delay(failedAttempts++);
        log.warn("xmpp reconnect in {} ms (attempt {}): {}", delay.toMillis(), failedAttempts, lastProblem);
        ScheduledExecutorService sched = scheduler;
        if (sched != null && !sched.isShutdown()) {
            sched.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void checkRooms() {
        XmppSession s = session;
        if (s == null) {
            return;
        }
        if (!s.isAlive()) {
            lost(s, "connection no longer authenticated");
            return;
        }
        rooms.check(s);
    }
}

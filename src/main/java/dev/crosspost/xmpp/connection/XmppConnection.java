package dev.crosspost.xmpp.connection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.crosspost.cluster.Leadership;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.util.Backoff;
import org.jivesoftware.smack.packet.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bot's one persistent session, owned by the adapter: connects in the background (the app starts even
 * when the chat server is down), reconnects with backoff and jitter, and checks the session regularly. What
 * happens on a session (joining rooms, answering direct messages) is done by those who {@link #subscribe}.
 * <p>
 * Only on the node that holds the bot ({@link Leadership}): of several nodes sharing a database one connects, and
 * when it is deposed it drops the session at once (the socket is closed, nothing more is said) before it returns.
 */
@Component
public class XmppConnection implements SmartLifecycle, Leadership.Listener {

    /**
     * Told of each session. {@link #opened} and {@link #check} run on the connection's one thread, in turn;
     * {@link #directMessage} on Smack's thread, in the order the messages came: hand them over and return.
     */
    public interface Listener {
        /** A new session logged in. */
        default void opened(XmppSession session) {
        }

        /** The regular check ({@code crosspost.xmpp.room-check-interval}) of the session, which is alive. */
        default void check(XmppSession session) {
        }

        /** The session is lost (or closed): what was on its way on it will not be confirmed. */
        default void lost(XmppSession session) {
        }

        /** A direct message with a body, from anyone (the bot's own address included). */
        default void directMessage(XmppSession session, Message message) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(XmppConnection.class);

    private final XmppProperties properties;
    private final List<XmppSession.Setup> setups;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Backoff backoff;
    private ScheduledExecutorService scheduler;
    private boolean wanted;
    private boolean leader;
    private volatile XmppSession opening;
    private volatile XmppSession session;
    private volatile String lastProblem = "not connected yet";
    private int failedAttempts;

    public XmppConnection(XmppProperties properties, List<XmppSession.Setup> setups, Leadership leadership) {
        this.properties = properties;
        this.setups = List.copyOf(setups);
        this.backoff = Backoff.between(properties.reconnectMin(), properties.reconnectMax());
        leadership.subscribe(this);
    }

    /** Subscribes to every session from now on; subscribe before {@link #start}, as beans do when they are made. */
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void start() {
        wanted = true;
        open();
    }

    @Override
    public synchronized void elected() {
        leader = true;
        open();
    }

    /** Another node may take the bot soon: the session and any login under way are cut now, not politely closed. */
    @Override
    public void deposed(String why) {
        synchronized (this) {
            leader = false;
        }
        close(true);
    }

    @Override
    public void stop() {
        synchronized (this) {
            wanted = false;
        }
        close(false);
    }

    private void open() {
        if (!properties.enabled() || !wanted || !leader || scheduler != null) {
            return;
        }
        lastProblem = "not connected yet";
        failedAttempts = 0;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xmpp-connection");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(this::connect);
        long check = properties.roomCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, check, check, TimeUnit.MILLISECONDS);
    }

    private void close(boolean cut) {
        ScheduledExecutorService sched;
        synchronized (this) {
            sched = scheduler;
            scheduler = null;
        }
        if (sched == null) {
            return;
        }
        sched.shutdownNow();
        XmppSession pending = opening;
        if (pending != null) {
            pending.abort();
        }
        XmppSession s = session;
        session = null;
        lastProblem = cut ? "this node does not hold the bot" : "stopped";
        if (s != null) {
            if (cut) {
                s.abort();
            } else {
                s.close();
            }
            listeners.forEach(l -> l.lost(s));
        }
        log.info("xmpp session {}", cut ? "cut: this node no longer holds the bot" : "closed");
    }

    @Override
    public synchronized boolean isRunning() {
        return wanted;
    }

    /** The live session; throws when there is none, so that an outbound job is retried later. */
    public XmppSession session() {
        XmppSession s = session;
        if (s == null || !s.isAlive()) {
            throw new ChannelOutage("XMPP is not connected (" + lastProblem + ")");
        }
        return s;
    }

    /** The current session, alive or not yet known to be lost; empty between sessions. */
    public Optional<XmppSession> current() {
        return Optional.ofNullable(session);
    }

    public boolean connected() {
        XmppSession s = session;
        return s != null && s.isAlive();
    }

    public String lastProblem() {
        return lastProblem;
    }

    /** Runs the task on the connection's thread, unless {@code s} is no longer the session by then. */
    public void execute(XmppSession s, Runnable task) {
        ScheduledExecutorService sched = scheduler;
        if (sched != null && !sched.isShutdown()) {
            sched.execute(() -> {
                if (session == s) {
                    task.run();
                }
            });
        }
    }

    private void connect() {
        ScheduledExecutorService mine = scheduler;
        try {
            XmppSession s = XmppSession.create(properties, new XmppSession.Handler() {
                @Override
                public void directMessage(XmppSession from, Message message) {
                    listeners.forEach(l -> l.directMessage(from, message));
                }

                @Override
                public void lost(XmppSession lost, String why) {
                    XmppConnection.this.lost(lost, why);
                }
            }, setups);
            synchronized (this) {
                if (scheduler != mine || mine == null) {
                    return;
                }
                opening = s; // from here on a deposition cuts this login too
            }
            s.login();
            synchronized (this) {
                if (scheduler != mine || mine == null) { // deposed or stopped while logging in
                    s.abort();
                    return;
                }
                session = s;
            }
            failedAttempts = 0;
            lastProblem = null;
            log.info("xmpp connected as {}", s.connection().getUser());
            listeners.forEach(l -> l.opened(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
            scheduleReconnect();
        } finally {
            opening = null;
        }
    }

    /** The session is lost (reported on a Smack thread): reconnect from the connection's own thread. */
    public void lost(XmppSession s, String why) {
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
            listeners.forEach(l -> l.lost(s));
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

    private void check() {
        XmppSession s = session;
        if (s == null) {
            return;
        }
        if (!s.isAlive()) {
            lost(s, "connection no longer authenticated");
            return;
        }
        listeners.forEach(l -> l.check(s));
    }
}

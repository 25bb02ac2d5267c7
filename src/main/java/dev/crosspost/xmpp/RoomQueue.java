package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The lines waiting to be said, one queue per room, drained by one thread in the order of their messages.
 * <p>
 * Why: the outbound jobs of many process instances run in parallel and, after an outage, are retried in
 * whatever order their retry timers fall. A job only puts its line in the room's queue (once: keyed by
 * origin-id) and waits a little for it to be said; when the chat server is away it fails, and Camunda retries
 * it. The queue says the lines as soon as the bot is back, oldest message first; a line that has been said
 * is remembered, so the job's retry succeeds without saying it again. A line waits {@code crosspost.xmpp.order-hold}
 * before it goes, so that jobs racing each other by a few milliseconds still come out in message order.
 * <p>
 * Lines are pipelined: up to {@code crosspost.xmpp.room-window} lines of a room are on their way at once, each
 * done when the room echoes it. One XMPP stream keeps them in order, so the room says them in queue order,
 * and the queue moves at the server's pace instead of one round trip per line (which capped delivery at
 * ~35 lines/s under load).
 * <p>
 * A line whose echo does not come (the connection broke, or the reply timeout passed) may have been said all
 * the same, so it is not simply sent again: the room waits until the bot joins it again (after the reconnect,
 * or by leaving and joining) and the history the room replays on that join tells which of those lines it
 * said; only the others go again, in their turn ({@link RoomLines}). A room whose history cannot tell (one
 * that keeps none, or was made anew) gets those lines again.
 * <p>
 * The queue is in memory: after a crash of Crosspost the jobs' own retries fill it again (then in the order
 * the retries come), and a line that was on its way when Crosspost died may then be said twice.
 */
@Component
class RoomQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomQueue.class);
    private static final int REMEMBERED = 10_000;
    private static final int ATTEMPTS = 3;

    private final XmppConnection connection;
    private final XmppProperties properties;
    private final Object lock = new Object();
    private final Map<String, RoomLine> queued = new HashMap<>();
    private final Map<EntityBareJid, RoomLines> rooms = new HashMap<>();
    private final Set<String> said = SentLines.newest(REMEMBERED);
    private long seq;
    private volatile Thread drainer;

    RoomQueue(XmppConnection connection, XmppProperties properties) {
        this.connection = connection;
        this.properties = properties;
        connection.onJoin(this::joined);
    }

    /**
     * Queues the line (unless it was said or is queued already) and waits until it is said. Throws when the
     * bot is offline or the line is not said in time; it stays queued and goes out when the bot is back.
     */
    void say(EntityBareJid room, String originId, String text, Instant order) throws InterruptedException {
        RoomLine line;
        synchronized (lock) {
            if (said.contains(originId)) {
                return;
            }
            line = queued.computeIfAbsent(originId, id -> {
                var l = new RoomLine(room, id, text, order, seq++);
                rooms.computeIfAbsent(room, r -> new RoomLines(connection.sentLines())).add(l);
                lock.notifyAll();
                return l;
            });
        }
        if (!connection.connected()) {
            throw new IllegalStateException("XMPP is not connected (" + connection.lastProblem()
                    + "); the line waits in the queue of " + room);
        }
        try {
            line.done.get(properties.replyTimeout().multipliedBy(2).plus(properties.orderHold()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("not said in " + room + " yet; the line waits in its queue");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void drain() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                RoomLine next = nextReady();
                if (next != null) {
                    send(next);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The oldest line of some room that is not on its way yet, once it has waited the order hold and the room
     * has room in its window; waits a little when there is none. Marks it as on its way. A room with lines
     * whose echo will not come waits for the history of a join, and asks for one.
     */
    private RoomLine nextReady() throws InterruptedException {
        synchronized (lock) {
            long waitMs = 200;
            XmppSession current = connection.connected() ? currentSession() : null;
            if (current != null) {
                for (var entry : rooms.entrySet()) {
                    RoomLines room = entry.getValue();
                    Long awaiting = room.awaitingHistory(current);
                    if (awaiting != null && room.askJoin()) {
                        connection.rejoin(current, entry.getKey(), awaiting);
                    }
                    RoomLine head = awaiting != null ? null : room.head(properties.roomWindow());
                    if (head == null) {
                        continue;
                    }
                    long left = properties.orderHold().toMillis()
                            - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - head.queuedAt);
                    if (left <= 0) {
                        room.startSending(head);
                        return head;
                    }
                    waitMs = Math.min(waitMs, left);
                }
            }
            lock.wait(Math.max(1, waitMs));
            return null;
        }
    }

    private XmppSession currentSession() {
        try {
            return connection.session();
        } catch (IllegalStateException e) {
            return null; // lost between the two looks
        }
    }

    /** Puts the line on its way; its echo (or the lack of one) settles it on a Smack thread. */
    private void send(RoomLine line) throws InterruptedException {
        int attempt;
        synchronized (lock) {
            attempt = line.attempt;
        }
        CompletableFuture<Void> echo;
        try {
            XmppSession session = connection.joined(line.room);
            synchronized (lock) {
                line.via = session;
            }
            echo = session.rooms().send(line.room, line.text, line.originId);
            synchronized (lock) {
                line.out = true;
                line.outAt = System.nanoTime();
            }
        } catch (InterruptedException e) {
            back(line, attempt, null);
            throw e;
        } catch (Exception e) {
            failed(line, attempt, e);
            if (!connection.connected() || line.failures < ATTEMPTS) {
                synchronized (lock) {
                    lock.wait(properties.reconnectMin().toMillis());
                }
            }
            return;
        }
        echo.orTimeout(properties.replyTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, e) -> {
            if (e == null) {
                finish(line, null);
                return;
            }
            synchronized (lock) {
                if (line.attempt == attempt && line.sending) {
                    rooms.get(line.room).unanswered(line); // the room's history will tell
                    lock.notifyAll();
                }
            }
        });
    }

    /** A join of the room replayed its history: the lines that went out before it without an echo are settled. */
    private void joined(XmppSession session, EntityBareJid room, HistoryJoin.Joined joined) {
        synchronized (lock) {
            RoomLines lines = rooms.get(room);
            if (lines == null) {
                return;
            }
            var settled = lines.settle(session, joined, ATTEMPTS);
            // Still under the lock: a said line must not look like one awaiting the history, even for a moment.
            settled.said().forEach(l -> finish(l, null));
            var refused = new IllegalStateException("room " + room + " did not take the line");
            settled.refused().forEach(l -> finish(l, refused));
            if (settled.wentOut() > 0) {
                log.info("xmpp {}: of {} lines whose echo did not come, its history shows {} said; {} go again",
                        room, settled.wentOut(), settled.said().size(), settled.wentOut() - settled.said().size());
            }
        }
    }

    /** The send failed. Offline: the line waits for the reconnect. Online and failing again and again: give it back. */
    private void failed(RoomLine line, int attempt, Throwable e) {
        boolean giveUp;
        synchronized (lock) {
            if (line.attempt != attempt || !line.sending) {
                return; // an earlier send of this line, already settled
            }
            giveUp = connection.connected() && ++line.failures >= ATTEMPTS;
        }
        if (giveUp) {
            log.warn("xmpp gave up saying {} in {}: {}", line.originId, line.room, e.toString());
            finish(line, e);
        } else {
            back(line, attempt, e);
        }
    }

    /** The line is no longer on its way and goes again in its turn. */
    private void back(RoomLine line, int attempt, Throwable e) {
        synchronized (lock) {
            if (line.attempt == attempt) {
                rooms.get(line.room).leaveWindow(line);
            }
            lock.notifyAll();
        }
        if (e != null) {
            log.debug("xmpp line {} for {} goes again: {}", line.originId, line.room, e.toString());
        }
    }

    private void finish(RoomLine line, Throwable failure) {
        synchronized (lock) {
            if (queued.get(line.originId) != line) {
                return; // settled already (an echo arriving after the line was given up, say)
            }
            queued.remove(line.originId);
            rooms.get(line.room).remove(line);
            if (failure == null) {
                said.add(line.originId);
            }
            lock.notifyAll();
        }
        line.end(failure);
    }

    @Override
    public void start() {
        if (properties.enabled() && drainer == null) {
            Thread t = new Thread(this::drain, "xmpp-room-queue");
            t.setDaemon(true);
            drainer = t;
            t.start();
        }
    }

    @Override
    public void stop() {
        Thread t = drainer;
        drainer = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return drainer != null;
    }
}

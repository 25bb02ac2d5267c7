package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.connection.XmppSession;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of {@link RoomQueue}: the lines queued (by origin-id, and per room in {@link RoomLines}), the
 * origin-ids said lately, and every step of a line from queued to said or given back. This class owns the one
 * lock that guards all of it, the {@link RoomLine}s' progress included (a {@link RoomLines} is this class's
 * helper, only ever called under that lock); the queue's thread waits on it for the next line to send.
 */
final class QueuedLines {

    /**
     * One line of {@link RoomQueue} to say; {@code order} is when its message came in. Its final fields may be read
     * by anyone; the others (its progress) are guarded by the lock of the {@link QueuedLines} that made it.
     */
    static final class RoomLine {
        final EntityBareJid room;
        final String originId;
        final String text;
        final Instant order;
        final long seq;
        final long queuedAt = System.nanoTime();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Whether the line is in the room's window (on its way). */
        boolean sending;
        int failures;
        /** Which send this is, so that the echo or timeout of an earlier one settles nothing. */
        int attempt;
        /** The session the line went out on. */
        XmppSession via;
        /**
         * Whether the line went out and no echo came yet: then it may have been said, and it is not sent again
         * before the room's history shows that it was not. {@code outAt} is when ({@link System#nanoTime()}).
         */
        boolean out;
        long outAt;

        RoomLine(EntityBareJid room, String originId, String text, Instant order, long seq) {
            this.room = room;
            this.originId = originId;
            this.text = text;
            this.order = order;
            this.seq = seq;
        }

        Instant order() {
            return order;
        }

        long seq() {
            return seq;
        }

        /** Tells whoever waits for the line: said when {@code failure} is {@code null}, else given up. */
        void end(Throwable failure) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    private static final int ATTEMPTS = 3; // failed sends of a line, with the bot online, before it is given up
    private static final int REMEMBERED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(QueuedLines.class);

    private final XmppConnection connection;
    private final RoomJoiner joiner;
    private final XmppProperties properties;
    private final Object lock = new Object();
    private final Map<String, RoomLine> queued = new HashMap<>();
    private final Map<EntityBareJid, RoomLines> rooms = new HashMap<>();
    private final Set<String> said = SentLines.newest(REMEMBERED);
    private long seq;

    QueuedLines(XmppConnection connection, RoomJoiner joiner, XmppProperties properties) {
        this.connection = connection;
        this.joiner = joiner;
        this.properties = properties;
    }

    /** The line with this origin-id, queued now unless it is queued already; {@code null} when it was said. */
    RoomLine add(EntityBareJid room, String originId, String text, Instant order) {
        synchronized (lock) {
            if (said.contains(originId)) {
                return null;
            }
            return queued.computeIfAbsent(originId, id -> {
                var l = new RoomLine(room, id, text, order, seq++);
                rooms.computeIfAbsent(room, r -> new RoomLines(joiner.sentLines())).add(l);
                lock.notifyAll();
                return l;
            });
        }
    }

    /**
     * The oldest line of some room that is not on its way yet, once it has waited the order hold and the room
     * has room in its window; waits a little when there is none. Marks it as on its way. A room with lines
     * whose echo will not come waits for the history of a join, and asks for one.
     */
    RoomLine nextReady() throws InterruptedException {
        synchronized (lock) {
            long waitMs = 200;
            XmppSession current = connection.connected() ? currentSession() : null;
            if (current != null) {
                for (var entry : rooms.entrySet()) {
                    RoomLines room = entry.getValue();
                    Long awaiting = room.awaitingHistory(current);
                    if (awaiting != null && room.askJoin()) {
                        joiner.rejoin(current, entry.getKey(), awaiting);
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

    /** Which send of the line this is. */
    int attempt(RoomLine line) {
        synchronized (lock) {
            return line.attempt;
        }
    }

    void via(RoomLine line, XmppSession session) {
        synchronized (lock) {
            line.via = session;
        }
    }

    void wentOut(RoomLine line) {
        synchronized (lock) {
            line.out = true;
            line.outAt = System.nanoTime();
        }
    }

    /** The echo of that send of the line did not come in time. */
    void unanswered(RoomLine line, int attempt) {
        synchronized (lock) {
            if (line.attempt == attempt && line.sending) {
                rooms.get(line.room).unanswered(line); // the room's history will tell
                lock.notifyAll();
            }
        }
    }

    /** Waits until the queue changes, at most {@code millis}. */
    void pause(long millis) throws InterruptedException {
        synchronized (lock) {
            lock.wait(millis);
        }
    }

    /** A join of the room replayed its history: the lines that went out before it without an echo are settled. */
    void joined(XmppSession session, EntityBareJid room, HistoryJoin.Joined joined) {
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

    /**
     * The send failed. Offline: the line waits for the reconnect. Online and failing again and again: give it back.
     * Returns whether the queue should wait a little before its next send (offline, or the line goes again).
     */
    boolean failed(RoomLine line, int attempt, Throwable e) {
        boolean current, giveUp;
        synchronized (lock) {
            current = line.attempt == attempt && line.sending; // else an earlier send of it, already settled
            giveUp = current && connection.connected() && ++line.failures >= ATTEMPTS;
        }
        if (giveUp) {
            log.warn("xmpp gave up saying {} in {}: {}", line.originId, line.room, e.toString());
            finish(line, e);
        } else if (current) {
            back(line, attempt, e);
        }
        synchronized (lock) {
            return !connection.connected() || line.failures < ATTEMPTS;
        }
    }

    /** The line is no longer on its way and goes again in its turn. */
    void back(RoomLine line, int attempt, Throwable e) {
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

    void finish(RoomLine line, Throwable failure) {
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
}

package dev.crosspost.xmpp.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.crosspost.xmpp.connection.LineChange;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room's lines on their way: said by the bot, not echoed by the room yet. A line's future completes when
 * its echo comes (matched by origin-id, {@link #own}), and fails when the echo does not come within the reply
 * timeout or the session it went out on is lost: then its fate is unknown, and the caller (the outbox) asks the
 * room's archive before saying it again. Lines that come while the bot is not in the room wait for the join,
 * which the first of them asks for. This class owns that state and its one lock; lines go on the wire under the
 * lock, so the room says them in the order {@link #send} was called.
 * <p>
 * It also remembers the origin-ids of the bot's lines (the newest {@value #REMEMBERED}), so that an echo coming
 * late, or on another session, is still known as the bot's own line, and when a line of unknown fate went out
 * (for {@link RoomArchive}'s fallback to the history of a fresh join).
 * <p>
 * Each line's echo timeout is a task on the {@code timer} shared by the rooms, cancelled when the echo comes. It was
 * a {@code CompletableFuture.delayedExecutor} without an executor: with fewer than three cores the JDK runs such a
 * task on a new thread, so every line said started a thread when its timeout came, echoed or not (the benchmark
 * recorded 200 thread starts a second after the 200 shouts/s phase, while the room's own lines were taken in).
 */
final class RoomWindow {

    /** Puts one line on the wire of one session, with its origin-id; throws when it cannot. */
    interface Wire {
        Object session();

        boolean joined();

        /** Says {@code text}; a {@code change} (else {@code null}) makes it a correction or retraction of a line. */
        void say(String text, String originId, LineChange change) throws Exception;
    }

    private static final int REMEMBERED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RoomWindow.class);

    private record Line(String originId, String text, LineChange change, Object session,
                        CompletableFuture<Void> echo) {
    }

    private final EntityBareJid room;
    private final Duration echoTimeout;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final Map<String, Line> inFlight = new HashMap<>();
    /** The echo timeout of each line in flight, cancelled on its echo or when its session is lost. */
    private final Map<String, ScheduledFuture<?>> timeouts = new HashMap<>();
    private final List<Line> awaitingJoin = new ArrayList<>();
    private final Set<String> said = Collections.newSetFromMap(newest());
    private final Map<String, Long> unsure = newest();
    private final Set<String> echoed = Collections.newSetFromMap(newest());

    /** {@code timer}: runs the echo timeouts (a single thread does: each only takes the lock briefly). */
    RoomWindow(EntityBareJid room, Duration echoTimeout, ScheduledExecutorService timer) {
        this.room = room;
        this.echoTimeout = echoTimeout;
        this.timer = timer;
    }

    private static <V> Map<String, V> newest() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /**
     * Says the line on {@code wire} now, or, when the bot is not in the room, once the join asked for with
     * {@code join} (run by the first line that waits) is done: {@link #joined}. The future completes on the echo.
     */
    CompletableFuture<Void> send(Wire wire, String originId, String text, LineChange change, Runnable join) {
        var line = new Line(originId, text, change, wire.session(), new CompletableFuture<>());
        boolean askJoin = false;
        synchronized (lock) {
            if (awaitingJoin.isEmpty() && wire.joined()) {
                put(wire, line);
            } else {
                askJoin = awaitingJoin.isEmpty();
                awaitingJoin.add(line);
            }
        }
        if (askJoin) {
            try {
                join.run();
            } catch (RuntimeException e) {
                joined(wire, e); // no join will come (shutting down): the waiting lines fail, none stays behind
            }
        }
        return line.echo;
    }

    /** Says a line at once, not waiting for others (the greeting of a join): the bot is in the room. */
    CompletableFuture<Void> sendNow(Wire wire, String originId, String text) {
        var line = new Line(originId, text, null, wire.session(), new CompletableFuture<>());
        synchronized (lock) {
            put(wire, line);
        }
        return line.echo;
    }

    /** The join asked for by {@link #send} is over: the lines waiting for it go out, or fail with {@code failure}. */
    void joined(Wire wire, Exception failure) {
        List<Line> failed = new ArrayList<>();
        synchronized (lock) {
            for (Line line : awaitingJoin) {
                if (failure == null && line.session == wire.session() && wire.joined()) {
                    put(wire, line);
                } else {
                    failed.add(line);
                }
            }
            awaitingJoin.clear();
        }
        var why = new IllegalStateException("the bot could not join room " + room
                + (failure == null ? " on that session" : ": " + failure), failure);
        failed.forEach(l -> l.echo.completeExceptionally(why));
    }

    /** Under the lock: remembers the line as on its way, then says it; a line that cannot be said fails at once. */
    private void put(Wire wire, Line line) {
        said.add(line.originId);
        inFlight.put(line.originId, line);
        try {
            wire.say(line.text, line.originId, line.change);
        } catch (Exception e) {
            inFlight.remove(line.originId);
            said.remove(line.originId);
            line.echo.completeExceptionally(new IllegalStateException("could not say the line in " + room + ": " + e, e));
            return;
        }
        long wentOut = System.nanoTime();
        try {
            timeouts.put(line.originId, timer.schedule(() -> unanswered(line, wentOut), echoTimeout.toMillis(),
                    TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException stopping) {
            // the app is stopping: the line stays on its way; its outbox row is checked against the archive later
        }
    }

    private void unanswered(Line line, long wentOut) {
        synchronized (lock) {
            if (!inFlight.remove(line.originId, line)) {
                return; // echoed, or lost with its session
            }
            timeouts.remove(line.originId);
            unsure.put(line.originId, wentOut);
        }
        log.warn("xmpp room {}: no echo of line {} within {} ms; its fate is unknown", room, line.originId,
                echoTimeout.toMillis());
        line.echo.completeExceptionally(new IllegalStateException("room " + room + " did not echo line "
                + line.originId + " within " + echoTimeout.toMillis() + " ms; it may have been said"));
    }

    /**
     * Whether the bot said a line with this origin-id (its echo, or history): completes the line's future when it
     * is on its way.
     */
    boolean own(String originId) {
        if (originId == null) {
            return false;
        }
        Line line;
        boolean own;
        synchronized (lock) {
            line = inFlight.remove(originId);
            if (line != null) {
                cancelTimeout(originId);
            }
            own = said.contains(originId);
            if (line != null || unsure.remove(originId) != null) {
                echoed.add(originId); // also a late echo, after the line's future failed
            }
        }
        if (line != null) {
            line.echo.complete(null);
        }
        return own;
    }

    /** The session is gone: the lines on their way on it, or waiting to be said on it, fail (fate unknown). */
    void lost(Object session) {
        List<Line> lost = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (var it = inFlight.values().iterator(); it.hasNext(); ) {
                Line line = it.next();
                if (line.session == session) {
                    it.remove();
                    cancelTimeout(line.originId);
                    unsure.put(line.originId, now);
                    lost.add(line);
                }
            }
            // The join asked for still ends in joined(), which fails the other waiting lines of another session.
            awaitingJoin.removeIf(l -> l.session == session && lost.add(l));
        }
        if (!lost.isEmpty()) {
            log.warn("xmpp room {}: {} lines on their way lost with the connection; the outbox checks the room's "
                    + "archive before saying them again", room, lost.size());
            var why = new IllegalStateException("connection to the chat server lost before room " + room
                    + " echoed the line; it may have been said");
            lost.forEach(l -> l.echo.completeExceptionally(why));
        }
    }

    /** Under the lock. */
    private void cancelTimeout(String originId) {
        ScheduledFuture<?> timeout = timeouts.remove(originId);
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /**
     * When a line with this origin-id last went out in this process without an echo ({@link System#nanoTime()}),
     * or {@code null}: then it never did, and only a run before this one can have said it.
     */
    Long wentOutUnanswered(String originId) {
        synchronized (lock) {
            return unsure.get(originId);
        }
    }

    /** Whether the room echoed the bot's line with this origin-id in this run. */
    boolean echoed(String originId) {
        synchronized (lock) {
            return echoed.contains(originId);
        }
    }

    /** How many lines are on their way (said, echo not back) or waiting for a join. */
    int pending() {
        synchronized (lock) {
            return inFlight.size() + awaitingJoin.size();
        }
    }
}

package dev.crosspost.xmpp;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * is remembered, so the job's retry succeeds without saying it again. A line waits {@code crosspost.xmpp.order-hold} before it
 * goes, so that jobs racing each other by a few milliseconds still come out in message order.
 * <p>
 * The queue is in memory: after a crash of Crosspost the jobs' own retries fill it again (then in the order
 * the retries come).
 */
@Component
class RoomQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomQueue.class);
    private static final int REMEMBERED = 10_000;
    private static final int ATTEMPTS = 3;
    private static final Comparator<Line> ORDER = Comparator.comparing(Line::order).thenComparingLong(Line::seq);

    private final XmppConnection connection;
    private final XmppProperties properties;
    private final Object lock = new Object();
    private final Map<String, Line> queued = new HashMap<>();
    private final Map<EntityBareJid, TreeSet<Line>> rooms = new HashMap<>();
    private final Set<String> said = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private long seq;
    private volatile Thread drainer;

    RoomQueue(XmppConnection connection, XmppProperties properties) {
        this.connection = connection;
        this.properties = properties;
    }

    /** One line to say. {@code order} is when its message came in. */
    private record Line(EntityBareJid room, String originId, String text, Instant order, long seq, long queuedAt,
                        CompletableFuture<Void> done, int[] failures) {
    }

    /**
     * Queues the line (unless it was said or is queued already) and waits until it is said. Throws when the
     * bot is offline or the line is not said in time; it stays queued and goes out when the bot is back.
     */
    void say(EntityBareJid room, String originId, String text, Instant order) throws InterruptedException {
        Line line;
        synchronized (lock) {
            if (said.contains(originId)) {
                return;
            }
            line = queued.computeIfAbsent(originId, id -> {
                var l = new Line(room, id, text, order, seq++, System.nanoTime(), new CompletableFuture<>(), new int[1]);
                rooms.computeIfAbsent(room, r -> new TreeSet<>(ORDER)).add(l);
                lock.notifyAll();
                return l;
            });
        }
        if (!connection.connected()) {
            throw new IllegalStateException("XMPP is not connected (" + connection.lastProblem()
                    + "); the line waits in the queue of " + room);
        }
        try {
            line.done().get(properties.replyTimeout().plus(properties.orderHold()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("not said in " + room + " yet; the line waits in its queue");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void drain() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Line next = nextReady();
                if (next != null) {
                    sayNow(next);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The oldest line of some room once it has waited the order hold; waits a little when there is none. */
    private Line nextReady() throws InterruptedException {
        synchronized (lock) {
            long waitMs = 200;
            if (connection.connected()) {
                for (TreeSet<Line> lines : rooms.values()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    Line head = lines.first();
                    long left = properties.orderHold().toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - head.queuedAt());
                    if (left <= 0) {
                        return head;
                    }
                    waitMs = Math.min(waitMs, left);
                }
            }
            lock.wait(Math.max(1, waitMs));
            return null;
        }
    }

    private void sayNow(Line line) throws InterruptedException {
        try {
            connection.joined(line.room()).say(line.room(), line.text(), line.originId());
            finish(line, null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // Offline: the line waits for the reconnect. Online and failing again and again: give it back to its job.
            if (connection.connected() && ++line.failures()[0] >= ATTEMPTS) {
                log.warn("xmpp gave up saying {} in {}: {}", line.originId(), line.room(), e.toString());
                finish(line, e);
            } else {
                synchronized (lock) {
                    lock.wait(properties.reconnectMin().toMillis());
                }
            }
        }
    }

    private void finish(Line line, Exception failure) {
        synchronized (lock) {
            queued.remove(line.originId());
            rooms.get(line.room()).remove(line);
            if (failure == null) {
                said.add(line.originId());
            }
        }
        if (failure == null) {
            line.done().complete(null);
        } else {
            line.done().completeExceptionally(failure);
        }
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

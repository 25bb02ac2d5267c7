package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.crosspost.message.ChannelOutage;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.QueuedLines.RoomLine;
import org.jxmpp.jid.EntityBareJid;
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
 * <p>
 * This class is the queue's thread and its sends; what is queued and said, and each step of a line, is kept
 * in {@link QueuedLines} under its one lock.
 */
@Component
public class RoomQueue implements SmartLifecycle {

    private final XmppConnection connection;
    private final RoomJoiner joiner;
    private final XmppProperties properties;
    private final QueuedLines lines;
    private volatile Thread drainer;

    RoomQueue(XmppConnection connection, RoomJoiner joiner, XmppProperties properties) {
        this.connection = connection;
        this.joiner = joiner;
        this.properties = properties;
        this.lines = new QueuedLines(connection, joiner, properties);
        joiner.onJoin(lines::joined);
    }

    /**
     * Queues the line (unless it was said or is queued already) and waits until it is said. Throws when the
     * bot is offline or the line is not said in time; it stays queued and goes out when the bot is back.
     */
    public void say(EntityBareJid room, String originId, String text, Instant order) throws InterruptedException {
        RoomLine line = lines.add(room, originId, text, order);
        if (line == null) {
            return;
        }
        if (!connection.connected()) {
            throw new ChannelOutage("XMPP is not connected (" + connection.lastProblem()
                    + "); the line waits in the queue of " + room);
        }
        try {
            line.done.get(properties.replyTimeout().multipliedBy(2).plus(properties.orderHold()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ChannelOutage("not said in " + room + " yet; the line waits in its queue");
        } catch (ExecutionException e) {
            throw new ChannelOutage(e.getCause().getMessage(), e.getCause());
        }
    }

    private void drain() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                RoomLine next = lines.nextReady();
                if (next != null) {
                    send(next);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Puts the line on its way; its echo (or the lack of one) settles it on a Smack thread. */
    private void send(RoomLine line) throws InterruptedException {
        int attempt = lines.attempt(line);
        CompletableFuture<Void> echo;
        try {
            SessionRooms rooms = joiner.joined(line.room);
            lines.via(line, rooms.session());
            echo = rooms.send(line.room, line.text, line.originId);
            lines.wentOut(line);
        } catch (InterruptedException e) {
            lines.back(line, attempt, null);
            throw e;
        } catch (Exception e) {
            if (lines.failed(line, attempt, e)) {
                lines.pause(properties.reconnectMin().toMillis());
            }
            return;
        }
        echo.orTimeout(properties.replyTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, e) -> {
            if (e == null) {
                lines.finish(line, null);
                return;
            }
            lines.unanswered(line, attempt);
        });
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

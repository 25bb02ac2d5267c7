package dev.crosspost.xmpp.room;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import dev.crosspost.xmpp.connection.XmppSession;
import dev.crosspost.xmpp.room.QueuedLines.RoomLine;

/**
 * One room's lines in {@link RoomQueue}, in message order: which are on their way (the room's window), and
 * which went out without an echo and so wait for the room's history. Not thread-safe: a helper of
 * {@link QueuedLines}, which calls it only under its lock (the lock that also guards the lines' progress).
 * <p>
 * A line that went out and whose echo will not come (its connection died, or the echo timed out) may have been
 * said. It is not sent again on a guess: the room says nothing more until a join of it replays its history
 * ({@link #settle}). The room gets the bot's lines in the order they were sent (one stream) and its history
 * is the newest end of what it said, so a line found there proves that every line sent before it was said too,
 * even one the history no longer reaches back to, and a line sent after the last one found was not said. When
 * none is found, none counts as said: then the room took none, or its history cannot tell (a room made anew,
 * one that keeps no history, more chatter since than it keeps), and those lines may be said twice.
 */
final class RoomLines {

    private static final Comparator<RoomLine> ORDER =
            Comparator.comparing(RoomLine::order).thenComparingLong(RoomLine::seq);
    private static final Comparator<RoomLine> SENT = (a, b) -> Long.compare(a.outAt - b.outAt, 0);

    /** What a join's history settled: lines said, lines the room did not take although the bot was in it. */
    record Settled(List<RoomLine> said, List<RoomLine> refused, int wentOut) {
    }

    private final SentLines sent;
    private final TreeSet<RoomLine> lines = new TreeSet<>(ORDER);
    private int inFlight;
    /** Whether a join was asked for, for the history, and none came since. */
    private boolean joinAsked;

    RoomLines(SentLines sent) {
        this.sent = sent;
    }

    void add(RoomLine line) {
        lines.add(line);
    }

    /** The line is done (said or given up). */
    void remove(RoomLine line) {
        leaveWindow(line);
        lines.remove(line);
    }

    /** The oldest line not on its way yet, when the window has room for it; else {@code null}. */
    RoomLine head(int window) {
        return inFlight >= window ? null : lines.stream().filter(l -> !l.sending).findFirst().orElse(null);
    }

    void startSending(RoomLine line) {
        line.sending = true;
        line.attempt++;
        line.via = null;
        inFlight++;
    }

    /** The line leaves the window (its send failed, or it is settled). One that went out stays out. */
    void leaveWindow(RoomLine line) {
        if (line.sending) {
            line.sending = false;
            inFlight--;
        }
    }

    /** The line leaves the window without its echo: its send waits for none any more. */
    void unanswered(RoomLine line) {
        leaveWindow(line);
        sent.forget(line.originId);
    }

    /**
     * Lines on their way on another session than {@code current} leave the window: their echoes went down with
     * it. Returns when the latest line without an echo went out ({@link System#nanoTime()}), or {@code null}
     * when there is none and the room may go on.
     */
    Long awaitingHistory(XmppSession current) {
        Long latest = null;
        for (RoomLine l : lines) {
            if (l.sending && l.via != null && l.via != current) {
                unanswered(l);
            }
            if (l.out && !l.sending && (latest == null || l.outAt - latest > 0)) {
                latest = l.outAt;
            }
        }
        return latest;
    }

    /** Whether to ask for a join: not when one was asked for already and has not come. */
    boolean askJoin() {
        boolean ask = !joinAsked;
        joinAsked = true;
        return ask;
    }

    /**
     * The room was joined on {@code session} and replayed its history: each line that went out before the join
     * was said (it is returned, to be finished) or not (it goes again in its turn). One the room did not take
     * while the bot stayed in it counts as a failure; at {@code attempts} failures it is returned as refused.
     */
    Settled settle(XmppSession session, HistoryJoin.Joined joined, int attempts) {
        joinAsked = false;
        List<RoomLine> before = lines.stream().filter(l -> l.out && l.outAt - joined.startedAt() < 0).toList();
        RoomLine lastFound = before.stream().filter(l -> joined.replayed().contains(l.originId)).max(SENT).orElse(null);
        List<RoomLine> said = new ArrayList<>();
        List<RoomLine> refused = new ArrayList<>();
        for (RoomLine l : before) {
            if (lastFound != null && SENT.compare(l, lastFound) <= 0) {
                said.add(l);
            } else {
                unanswered(l);
                l.out = false;
                if (l.via == session && ++l.failures >= attempts) {
                    refused.add(l);
                }
            }
        }
        return new Settled(said, refused, before.size());
    }
}

package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jxmpp.jid.EntityBareJid;

/**
 * One line of {@link RoomQueue} to say; {@code order} is when its message came in. The mutable fields are
 * guarded by the queue's lock (in {@link QueuedLines}).
 */
final class RoomLine {
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

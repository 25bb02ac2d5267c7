package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jxmpp.jid.EntityBareJid;

/**
 * One line of {@link RoomQueue} to say; {@code order} is when its message came in. The mutable fields are
 * guarded by the queue's lock.
 */
final class RoomLine {
    final EntityBareJid room;
    final String originId;
    final String text;
    final Instant order;
    final long seq;
    final long queuedAt = System.nanoTime();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    boolean sending;
    int failures;
    /** Which send this is, so that the echo or timeout of an earlier one settles nothing. */
    int attempt;
    /** The session the line went out on; when it dies before the echo, the line goes again at once. */
    XmppSession via;

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
}

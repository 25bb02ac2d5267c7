package dev.crosspost.message;

import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into Crosspost. Keeps the message and starts its channel's queue in one transaction, so a
 * message is either kept and routed, or neither; a repeated external id starts nothing.
 * <p>
 * At most {@code crosspost.message.concurrent-accepts} messages are accepted at once (default: twice the cores);
 * the others wait their turn, in order. More would not accept faster (the work is CPU and database), and under
 * a flood every runnable accepting thread takes a share of the CPU from the few threads that deliver: measured
 * with 20 at once, the room lines of 100 shouts/s fell a thousand behind while the shouts were accepted.
 * <p>
 * A channel's one in-order intake thread (the chat's: room lines and direct messages) has a turn of its own
 * ({@link #acceptFromStream}): behind the shared turns it waited for every HTTP request queued before it, and under a
 * flood of shouts the room's lines came in at 30-40 a minute while 2 a second were said (the soak at 50 shouts/s).
 * It adds at most one accept to the others.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final ThreadLocal<Boolean> HAS_TURN = ThreadLocal.withInitial(() -> false);

    private final MessageStore store;
    private final Queues queues;
    private final TransactionTemplate tx;
    private final Semaphore turns;
    private final Semaphore streamTurn = new Semaphore(1, true);

    Inbox(MessageStore store, Queues queues, TransactionTemplate tx, MessageProperties properties) {
        int concurrentAccepts = properties.concurrentAccepts();
        this.store = store;
        this.queues = queues;
        this.tx = tx;
        this.turns = new Semaphore(concurrentAccepts > 0 ? concurrentAccepts
                : 2 * Runtime.getRuntime().availableProcessors(), true);
    }

    public Acceptance accept(IncomingMessage message) {
        return accept(message, m -> { });
    }

    /**
     * Accepts {@code message} for a channel's single in-order intake thread, on a turn of its own instead of the
     * shared ones: the many ways in that have a thread per request cannot hold a whole channel up.
     */
    public Acceptance acceptFromStream(IncomingMessage message) {
        return acceptOnTurn(streamTurn, message, m -> { });
    }

    /**
     * Accepts {@code message}; {@code alsoKeep} runs in the same transaction before the queue starts (an
     * adapter keeping its own copy, e.g. the shout row), and only when the message is new.
     */
    public Acceptance accept(IncomingMessage message, Consumer<IncomingMessage> alsoKeep) {
        return acceptOnTurn(turns, message, alsoKeep);
    }

    private Acceptance acceptOnTurn(Semaphore turn, IncomingMessage message, Consumer<IncomingMessage> alsoKeep) {
        if (HAS_TURN.get()) { // accepted from within a flow (storeAsStory): its turn is taken already
            return acceptNow(message, alsoKeep);
        }
        turn.acquireUninterruptibly();
        HAS_TURN.set(true);
        try {
            return acceptNow(message, alsoKeep);
        } finally {
            HAS_TURN.remove();
            turn.release();
        }
    }

    private Acceptance acceptNow(IncomingMessage message, Consumer<IncomingMessage> alsoKeep) {
        try {
            return tx.execute(status -> acceptInTransaction(message, alsoKeep));
        } catch (DuplicateKeyException raced) {
            // Another request with the same external id committed between our look-up and our insert.
            return tx.execute(status -> store.find(message.channel(), message.externalId()).orElseThrow(() -> raced));
        }
    }

    private Acceptance acceptInTransaction(IncomingMessage message, Consumer<IncomingMessage> alsoKeep) {
        var earlier = store.find(message.channel(), message.externalId());
        if (earlier.isPresent()) {
            log.info("in  {} duplicate of message {} (external id {})", message.channel(), earlier.get().messageId(),
                    message.externalId());
            return earlier.get();
        }
        alsoKeep.accept(message);
        String processInstanceId = queues.start(message).orElse(null);
        // Inserted last, with its process: one statement instead of insert + update. A racing duplicate still
        // fails here on the unique key, and the whole transaction, process start included, rolls back.
        store.insert(message, processInstanceId);
        log.info("in  {} message {} from {} {}", message.channel(), message.id(), message.sender(),
                processInstanceId == null ? "unrouted (no queue)" : "-> process " + processInstanceId);
        return new Acceptance(message.id(), processInstanceId, false);
    }
}

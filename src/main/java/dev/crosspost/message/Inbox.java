package dev.crosspost.message;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into Crosspost. Keeps the message and starts its channel's queue in one transaction, so a
 * message is either kept and routed, or neither; a repeated external id starts nothing.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final MessageStore store;
    private final Queues queues;
    private final TransactionTemplate tx;

    Inbox(MessageStore store, Queues queues, TransactionTemplate tx) {
        this.store = store;
        this.queues = queues;
        this.tx = tx;
    }

    public Acceptance accept(IncomingMessage message) {
        return accept(message, m -> { });
    }

    /**
     * Accepts {@code message}; {@code alsoKeep} runs in the same transaction before the queue starts (an
     * adapter keeping its own copy, e.g. the shout row), and only when the message is new.
     */
    public Acceptance accept(IncomingMessage message, Consumer<IncomingMessage> alsoKeep) {
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

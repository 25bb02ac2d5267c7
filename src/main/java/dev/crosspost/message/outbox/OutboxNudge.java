package dev.crosspost.message.outbox;

import java.util.function.Consumer;

/**
 * Wakes the dispatchers when a send nobody holds is due now: written by a node that does not send its kind (in a
 * cluster, every room line accepted by a node that does not hold the chat session), or handed back by a Retry on
 * such a node. The node that sends it claims it at once instead of at its next poll.
 * <p>
 * A port the outbox owns and infrastructure implements ({@code cluster/}, through PostgreSQL's NOTIFY), so that the
 * core knows no infrastructure package.
 */
public interface OutboxNudge {

    /**
     * Called in the transaction that wrote or handed back a send of {@code kind} that nobody holds: the dispatchers
     * hear of it once that commits (once per transaction and kind).
     */
    void unheld(String kind);

    /**
     * Registers this node's dispatcher, before the application starts: it hears every node's nudges, its own
     * included, with the kind.
     */
    void listen(Consumer<String> dispatcher);
}

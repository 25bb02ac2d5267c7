package dev.crosspost.message;

import java.util.List;
import java.util.Optional;

/** The processing queues: one deployed process per inbound channel, started by the channel's address. */
public interface Queues {

    /**
     * Starts the queue of the message's channel, joining the caller's transaction.
     *
     * @return the process instance id, or empty when the channel has no queue (the message is unrouted)
     */
    Optional<String> start(IncomingMessage message);

    /** Every deployed queue. */
    List<QueueInfo> deployed();

    /** A deployed queue: the channel it listens to and the process that handles it. */
    record QueueInfo(String channel, String processKey, String processName, String processDefinitionId) {
    }
}

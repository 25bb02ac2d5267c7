package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * The read side of the message log for the admin pages: per channel, what came in and what went nowhere
 * ({@code channels/}'s overview, Cockpit's dashboard), and which queue flow took a message (Cockpit's Messages tab).
 * Read through the message store; nothing else reads {@code crosspost.messages}.
 */
@Service
public class MessageFigures {

    private final MessageStore store;

    MessageFigures(MessageStore store) {
        this.store = store;
    }

    /** Every channel a kept message came in on, counted up to {@code now}. */
    public List<ChannelCounts> byChannel(Instant now) {
        return store.counts(now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(1)));
    }

    /** The process instance (queue flow) of each of these messages that has one, by message id. */
    public Map<String, String> flowsOf(Collection<String> messageIds) {
        return store.flowsOf(messageIds);
    }
}

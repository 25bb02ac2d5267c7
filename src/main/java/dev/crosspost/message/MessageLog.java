package dev.crosspost.message;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Read access to the messages that entered Crosspost, for ports that keep messages in their order. */
public interface MessageLog {

    /** When the Inbox received the message, if it knows it. */
    Optional<Instant> receivedAt(String messageId);

    /** The channel's own id of the message (an event id, a stanza-id), if the Inbox knows the message. */
    Optional<String> externalId(String messageId);

    /**
     * The message's text as it now reads (its author may have corrected it since: {@link MessageChanges}), if the
     * Inbox still knows the message.
     */
    default Optional<String> text(String messageId) {
        return Optional.empty();
    }

    /** The channel's attributes of the message (empty when it had none, or the Inbox no longer knows it). */
    default Map<String, String> attributes(String messageId) {
        return Map.of();
    }
}

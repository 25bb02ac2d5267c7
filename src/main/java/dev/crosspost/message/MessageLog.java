package dev.crosspost.message;

import java.time.Instant;
import java.util.Optional;

/** Read access to the messages that entered Crosspost, for ports that keep messages in their order. */
public interface MessageLog {

    /** When the Inbox received the message, if it knows it. */
    Optional<Instant> receivedAt(String messageId);

    /** The channel's own id of the message (an event id, a stanza-id), if the Inbox knows the message. */
    Optional<String> externalId(String messageId);
}

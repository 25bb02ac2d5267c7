package dev.crosspost.subscription;

import java.time.Instant;
import java.util.Objects;

import dev.crosspost.message.SenderName;

/**
 * A message subscribers hear about: what the notify task reads from its process variables.
 *
 * @param messageId  the message's id
 * @param channel    the channel it came in on
 * @param sender     who wrote it (member id, JID or nickname): never notified of it
 * @param senderName how to show the sender
 * @param text       the text
 * @param receivedAt when it came in
 */
public record Notice(String messageId, String channel, String sender, String senderName, String text,
                     Instant receivedAt) {

    public Notice {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        receivedAt = receivedAt == null ? Instant.now() : receivedAt;
    }

    String author() {
        return SenderName.of(sender, senderName);
    }
}

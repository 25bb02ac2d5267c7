package dev.crosspost.message;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A message as it enters Crosspost from a channel adapter.
 *
 * @param id          Crosspost's id of the message; also the business key of its process instance
 * @param channel     where it came in
 * @param externalId  the channel's own id of it (stanza-id, idempotency key, event id): unique per channel
 * @param sender      who wrote it (a member id, a JID, a nickname)
 * @param senderName  how to show the sender
 * @param text        the text
 * @param receivedAt  when Crosspost received it
 * @param origin      where it came from before, when Crosspost itself produced it (else {@code null})
 * @param attributes  channel-specific extras, passed to the process as variables (for example an event kind)
 */
public record IncomingMessage(String id, ChannelAddress channel, String externalId, String sender,
                              String senderName, String text, Instant receivedAt, String origin,
                              Map<String, String> attributes) {

    public IncomingMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
        externalId = externalId == null || externalId.isBlank() ? id : externalId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A new message with a fresh id, received now. */
    public static IncomingMessage of(ChannelAddress channel, String externalId, String sender, String senderName,
                                     String text) {
        return new IncomingMessage(UUID.randomUUID().toString(), channel, externalId, sender, senderName, text,
                Instant.now(), null, Map.of());
    }

    public IncomingMessage withOrigin(String newOrigin) {
        return new IncomingMessage(id, channel, externalId, sender, senderName, text, receivedAt, newOrigin, attributes);
    }
}

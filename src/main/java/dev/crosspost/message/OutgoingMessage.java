package dev.crosspost.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What a queue sends to a channel.
 *
 * @param id            stable id, derived from the source message and the sending task, so that a retried
 *                      send carries the same id and the receiving side can recognise it
 * @param messageId     the incoming message it came from
 * @param originChannel the channel that message came in on
 * @param sender        the original sender
 * @param senderName    how to show the original sender
 * @param text          the text to send
 * @param subject       a subject line for channels that have one (mail); {@code null}: the port derives one
 * @param unsubscribeUrl where the receiver stops this kind of message (a signed one-click link), for channels
 *                      that can carry it (mail: body link and {@code List-Unsubscribe}); {@code null}: none
 */
public record OutgoingMessage(String id, String messageId, ChannelAddress originChannel, String sender,
                              String senderName, String text, String subject, String unsubscribeUrl) {

    public OutgoingMessage(String id, String messageId, ChannelAddress originChannel, String sender,
                           String senderName, String text) {
        this(id, messageId, originChannel, sender, senderName, text, null, null);
    }

    public OutgoingMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
    }

    public OutgoingMessage withSubject(String newSubject) {
        return new OutgoingMessage(id, messageId, originChannel, sender, senderName, text, newSubject, unsubscribeUrl);
    }

    public OutgoingMessage withUnsubscribeUrl(String url) {
        return new OutgoingMessage(id, messageId, originChannel, sender, senderName, text, subject, url);
    }

    /** The stable id of what {@code step} sends for message {@code messageId}. */
    public static String idFor(String messageId, String step) {
        return UUID.nameUUIDFromBytes((messageId + "/" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

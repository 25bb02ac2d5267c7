package dev.crosspost.message;

import java.util.Map;

/**
 * A message that a queue sends on to another channel (the {@code redirect} task), re-worded by a template.
 *
 * @param messageId  the message the queue carries
 * @param channel    the channel it came in on (the Outbox never sends it back there)
 * @param sender     who wrote it
 * @param senderName how to show them
 */
public record Redirect(String messageId, ChannelAddress channel, String sender, String senderName) {

    /** The template when the modeler gave none. */
    public static final String DEFAULT_TEMPLATE = "{sender}: {text}";

    /**
     * What the task {@code step} sends: {@code template} (blank: {@value #DEFAULT_TEMPLATE}) rendered over
     * {@code values}, in which {@code {sender}} is the sender's name ({@link SenderName}). Its id is derived from
     * the message and the step, so a retried task sends the same id.
     */
    public OutgoingMessage message(String step, String template, Map<String, ?> values) {
        String text = TextTemplate.render(template == null || template.isBlank() ? DEFAULT_TEMPLATE : template, values);
        return new OutgoingMessage(OutgoingMessage.idFor(messageId, step), messageId, channel, sender, senderName,
                text);
    }
}

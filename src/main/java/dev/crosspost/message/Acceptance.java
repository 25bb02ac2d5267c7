package dev.crosspost.message;

/**
 * The Inbox's answer to an incoming message.
 *
 * @param messageId         the id under which the message is kept (the first one's, for a duplicate)
 * @param processInstanceId the process started for it, or {@code null} when the channel has no queue
 * @param duplicate         whether the channel had already delivered this external id
 */
public record Acceptance(String messageId, String processInstanceId, boolean duplicate) {

    public boolean routed() {
        return processInstanceId != null;
    }
}

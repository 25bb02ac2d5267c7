package dev.crosspost.message;

/**
 * Told when the outbox gives up on a send because its retries ran out (not when it was refused for good), so that it
 * becomes visible and can be retried by a person: the process feature raises a Camunda incident whose Retry calls
 * {@link dev.crosspost.message.outbox.Outbox#resend}. Called in the transaction that marks the row FAILED.
 */
public interface DeliveryFailures {

    /** The send with stable id {@code outboxId} of message {@code messageId} to {@code target} failed with {@code error}. */
    void retriesRanOut(String outboxId, String messageId, ChannelAddress target, String error);
}

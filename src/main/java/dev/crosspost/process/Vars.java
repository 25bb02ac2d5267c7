package dev.crosspost.process;

/** The process variables every queue gets from the Inbox. */
final class Vars {

    static final String MESSAGE_ID = "messageId";
    static final String CHANNEL = "channel";
    static final String SENDER = "sender";
    static final String SENDER_NAME = "senderName";
    static final String TEXT = "text";
    static final String ORIGIN = "origin";
    static final String RECEIVED_AT = "receivedAt";

    private Vars() {
    }
}

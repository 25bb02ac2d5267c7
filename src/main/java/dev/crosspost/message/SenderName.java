package dev.crosspost.message;

/** How a message shows who wrote it, wherever it is re-worded: a redirect, a story, a notification, a digest. */
public final class SenderName {

    private SenderName() {
    }

    /** The sender's name; without one, the sender's id (member id, JID, nickname); without that, "someone". */
    public static String of(String sender, String senderName) {
        if (senderName != null && !senderName.isBlank()) {
            return senderName;
        }
        return sender == null || sender.isBlank() ? "someone" : sender;
    }
}

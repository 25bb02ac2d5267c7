package dev.crosspost.message;

/** What became of one send. */
public record Delivery(String outgoingId, ChannelAddress target, Status status, String reason) {

    /** SENT: done (a local effect, or sent again by hand); QUEUED: in the outbox, leaves after commit; SKIPPED: never. */
    public enum Status { SENT, QUEUED, SKIPPED }

    public static Delivery sent(OutgoingMessage m, ChannelAddress target) {
        return new Delivery(m.id(), target, Status.SENT, null);
    }

    public static Delivery queued(OutgoingMessage m, ChannelAddress target) {
        return new Delivery(m.id(), target, Status.QUEUED, null);
    }

    /** Queued, with a word on where it went (a send handed to the node that sends its kind). */
    public static Delivery queued(OutgoingMessage m, ChannelAddress target, String how) {
        return new Delivery(m.id(), target, Status.QUEUED, how);
    }

    public static Delivery skipped(OutgoingMessage m, ChannelAddress target, String reason) {
        return new Delivery(m.id(), target, Status.SKIPPED, reason);
    }

    /**
     * What a task records about it: {@code SENT to <target>}, {@code QUEUED to <target> (send <outbox id>)} (followed
     * by {@code : <how>} when it says how) or {@code SKIPPED (<target>): <reason>}.
     */
    public String summary() {
        return switch (status) {
            case SENT -> "SENT to " + target;
            case QUEUED -> "QUEUED to " + target + " (send " + outgoingId + ")" + (reason == null ? "" : ": " + reason);
            case SKIPPED -> "SKIPPED (" + target + "): " + reason;
        };
    }
}

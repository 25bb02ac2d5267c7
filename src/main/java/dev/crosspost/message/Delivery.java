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

    public static Delivery skipped(OutgoingMessage m, ChannelAddress target, String reason) {
        return new Delivery(m.id(), target, Status.SKIPPED, reason);
    }

    /**
     * What a task records about it: {@code SENT to <target>}, {@code QUEUED to <target> (send <outbox id>)} or
     * {@code SKIPPED (<target>): <reason>}.
     */
    public String summary() {
        return switch (status) {
            case SENT -> "SENT to " + target;
            case QUEUED -> "QUEUED to " + target + " (send " + outgoingId + ")";
            case SKIPPED -> "SKIPPED (" + target + "): " + reason;
        };
    }
}

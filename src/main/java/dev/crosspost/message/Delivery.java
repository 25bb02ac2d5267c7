package dev.crosspost.message;

/** What became of one send. */
public record Delivery(String outgoingId, ChannelAddress target, Status status, String reason) {

    public enum Status { SENT, SKIPPED }

    public static Delivery sent(OutgoingMessage m, ChannelAddress target) {
        return new Delivery(m.id(), target, Status.SENT, null);
    }

    public static Delivery skipped(OutgoingMessage m, ChannelAddress target, String reason) {
        return new Delivery(m.id(), target, Status.SKIPPED, reason);
    }

    /** What a task records about it: {@code SENT to <target>} or {@code SKIPPED (<target>): <reason>}. */
    public String summary() {
        return status == Status.SENT ? "SENT to " + target : "SKIPPED (" + target + "): " + reason;
    }
}

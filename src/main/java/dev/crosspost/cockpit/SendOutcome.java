package dev.crosspost.cockpit;

import java.util.Locale;

import dev.crosspost.message.outbox.OutboxEntry;

/** What became of one send, as a person reads it, from its outbox row. */
enum SendOutcome {
    /** The channel has it. */
    SENT("SENT", 0),
    /** Not sent yet (retrying ones included when looking for messages). */
    WAITING("PENDING", 0),
    /** Not sent yet; at least one attempt failed, the next is due at the row's next attempt. */
    RETRYING("PENDING", 1),
    /** Given up: refused for good, or retries ran out (then an incident of process delivery-failed). */
    FAILED("FAILED", 0),
    /** Never sent, with a reason. */
    SKIPPED("SKIPPED", 0);

    private final String status;
    private final int minAttempts;

    SendOutcome(String status, int minAttempts) {
        this.status = status;
        this.minAttempts = minAttempts;
    }

    String status() {
        return status;
    }

    int minAttempts() {
        return minAttempts;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SendOutcome of(OutboxEntry row) {
        return switch (row.status()) {
            case "SENT" -> SENT;
            case "FAILED" -> FAILED;
            case "SKIPPED" -> SKIPPED;
            default -> row.attempts() > 0 ? RETRYING : WAITING;
        };
    }

    /** The outcome asked for in a filter: waiting, retrying or failed (the states worth looking for). */
    static SendOutcome parse(String value) {
        for (SendOutcome o : new SendOutcome[] {WAITING, RETRYING, FAILED}) {
            if (o.label().equals(value)) {
                return o;
            }
        }
        throw new IllegalArgumentException("outcome must be waiting, retrying or failed");
    }
}

package dev.crosspost.cluster;

import java.time.Instant;

/**
 * Whether this node holds the chat bot. One node of those sharing a database holds it (on the embedded H2
 * database, the one node always does). A feature that must run on one node only (the bot's chat session)
 * {@link #subscribe}s and connects when {@link Listener#elected elected}, and lets go when
 * {@link Listener#deposed deposed}.
 */
public interface Leadership {

    /** Told when this node takes or loses the bot; called on the leadership's one thread, in turn. */
    interface Listener {
        /** This node holds the bot from now on: connect. */
        void elected();

        /**
         * This node no longer holds the bot: stop at once, before returning (another node may take it after the
         * takeover grace, or at once when this node stops cleanly). Nothing may be sent on the bot's behalf after
         * this returns.
         */
        void deposed(String why);
    }

    /** What a node knows: its role, and which node holds the bot (null when none or unknown). */
    record Status(String node, Role role, String holder, Instant since, long failovers) {
    }

    /** {@code leader}: holds the bot; {@code taking-over}: won the lock, waits out the grace; {@code standby}. */
    enum Role {
        LEADER, TAKING_OVER, STANDBY;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    boolean leads();

    /** Subscribe before the application starts (as beans do in their constructors). */
    void subscribe(Listener listener);

    Status status();
}

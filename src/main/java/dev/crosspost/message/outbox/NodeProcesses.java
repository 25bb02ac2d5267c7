package dev.crosspost.message.outbox;

import java.util.Optional;

/**
 * Which process an outbox node is, so that a node on the same machine can tell for sure that another node's process
 * has ended (a restart after {@code kill -9}, a second node on the same host) and take that node's sends over at once
 * instead of when their lease runs out. An ended process says nothing more: the kernel closed its sockets.
 * <p>
 * A port the outbox owns; {@code cluster/} implements it from {@code /proc}, so that the core knows no infrastructure
 * package.
 */
public interface NodeProcesses {

    /** Nothing is known: every node waits for the lease of a dead node's sends to run out. */
    NodeProcesses UNKNOWN = new NodeProcesses() {
        @Override
        public Optional<String> self() {
            return Optional.empty();
        }

        @Override
        public boolean ended(String identity) {
            return false;
        }
    };

    /** This process's identity, or empty where it cannot be told (then the other nodes wait for its leases). */
    Optional<String> self();

    /** Whether the process {@code identity} names has ended for sure; false when that cannot be known. */
    boolean ended(String identity);
}

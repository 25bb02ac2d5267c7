package dev.crosspost.bench;

import java.util.List;

/**
 * The client side of several nodes: message {@code seq} of a phase goes to node {@code seq mod N}, so each node
 * takes every N-th message and the same share of the load, whatever the others answer.
 */
final class RoundRobin<T> {

    private final List<T> targets;

    RoundRobin(List<T> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("round robin over no target");
        }
        this.targets = List.copyOf(targets);
    }

    /** The index of the target of message {@code seq} (sequence numbers start at 0). */
    static int index(long seq, int n) {
        return (int) Math.floorMod(seq, (long) n);
    }

    T of(long seq) {
        return targets.get(index(seq, targets.size()));
    }

    int size() {
        return targets.size();
    }

    /** Whether message {@code seq} went to target {@code index}. */
    boolean sentTo(long seq, int index) {
        return index(seq, targets.size()) == index;
    }
}

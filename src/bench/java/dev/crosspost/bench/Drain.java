package dev.crosspost.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waiting for the lines still on their way: until every accepted message was heard, or the drain timeout. */
final class Drain {

    private Drain() {
    }

    /** @return whether everything accepted was heard */
    static boolean await(Ledger ledger, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ledger.missing() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(50_000_000L);
        }
        return true;
    }
}

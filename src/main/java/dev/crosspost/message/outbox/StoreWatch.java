package dev.crosspost.message.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the outbox table answered the last time the dispatcher or the bookkeeping wrote to it: a database outage is
 * one warning when it starts and one line when it ends, not a warning every poll and flush.
 */
final class StoreWatch {

    // under the dispatcher's name, as before the split: an operator's log settings for the outbox still apply
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private volatile boolean down;

    void failed(String what, RuntimeException e) {
        if (!down) {
            down = true;
            log.warn("outbox: could not {} (database unreachable?), trying again: {}", what, e.toString());
        }
    }

    void answered() {
        if (down) {
            down = false;
            log.info("outbox: database reachable again");
        }
    }
}

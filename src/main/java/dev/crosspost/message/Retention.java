package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is older than a retention setting, {@value #BATCH} rows per statement: each statement is its own
 * short transaction, so the table stays writable while a large backlog goes.
 */
public final class Retention {

    public static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private Retention() {
    }

    /** Deletes up to {@code batch} rows older than {@code cutoff}; returns how many it deleted. */
    @FunctionalInterface
    public interface OlderThan {
        int delete(Instant cutoff, int batch);
    }

    /** Deletes every row older than {@code retention} before {@code now}; returns how many. */
    public static int expire(String what, Duration retention, Instant now, OlderThan rows) {
        Instant cutoff = now.minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = rows.delete(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("retention: deleted {} {} older than {} ({})", total, what, cutoff, retention);
        }
        return total;
    }
}

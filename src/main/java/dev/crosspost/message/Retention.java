package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table whose old rows are deleted every night: a feature declares what it keeps, for how long and when as a bean,
 * and {@link NightlyRetention} runs it. Rows go {@value #BATCH} per statement, each statement its own short
 * transaction, so the table stays writable while a large backlog goes.
 */
public interface Retention {

    int BATCH = 500;

    /** What the rows are, for the log: {@code shouts}, {@code messages}. */
    String what();

    /** How long rows are kept: the feature's setting; {@code null}: for ever. */
    Duration keep();

    /** When, as a Spring cron expression in server time (the README names the times). */
    String cron();

    /** Deletes up to {@code batch} rows older than {@code cutoff}; returns how many it deleted. */
    int deleteOlderThan(Instant cutoff, int batch);

    /** Deletes every row older than {@code retention} before {@code now}; returns how many. */
    default int expire(Duration retention, Instant now) {
        Instant cutoff = now.minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = deleteOlderThan(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LoggerFactory.getLogger(Retention.class).info("retention: deleted {} {} older than {} ({})", total, what(),
                    cutoff, retention);
        }
        return total;
    }
}

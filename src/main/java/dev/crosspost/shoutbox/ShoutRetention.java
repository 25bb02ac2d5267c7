package dev.crosspost.shoutbox;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires old shouts: every night at 03:30 (server time) the shouts older than
 * {@code crosspost.shoutbox.retention} are deleted, in batches of {@value #BATCH} (each its own short
 * transaction, so the shoutbox stays writable meanwhile). Without the setting, shouts are kept.
 * The message log ({@code crosspost.messages}) and Camunda's history are kept by their own rules (README).
 */
@Component
class ShoutRetention {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ShoutRetention.class);

    private final ShoutStore store;
    private final ShoutboxProperties properties;

    ShoutRetention(ShoutStore store, ShoutboxProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(cron = "0 30 3 * * *")
    void nightly() {
        if (properties.retention() != null) {
            expire(properties.retention(), Instant.now());
        }
    }

    /** Deletes the shouts created more than {@code retention} before {@code now}; returns how many. */
    int expire(Duration retention, Instant now) {
        Instant cutoff = now.minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteOlderThan(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("retention: deleted {} shouts older than {} ({})", total, cutoff, retention);
        }
        return total;
    }
}

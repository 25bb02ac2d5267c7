package dev.crosspost.shoutbox;

import java.time.Duration;
import java.time.Instant;

import dev.crosspost.message.Retention;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires old shouts: every night at 03:30 (server time) the shouts older than
 * {@code crosspost.shoutbox.retention} are deleted, in batches of {@value Retention#BATCH} (each its own short
 * transaction, so the shoutbox stays writable meanwhile). Without the setting, shouts are kept.
 * The message log ({@code crosspost.messages}) and Camunda's history are kept by their own rules (README).
 */
@Component
class ShoutRetention {

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
        return Retention.expire("shouts", retention, now, store::deleteOlderThan);
    }
}

package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires the message log: every night at 03:45 (server time) the messages received more than
 * {@code crosspost.message.retention} ago are deleted, {@value Retention#BATCH} per transaction. Without the setting they
 * are kept. A message older than the retention that arrives again (same channel and external id) is no longer
 * recognised as a duplicate, so keep the retention well above any client's retry horizon.
 */
@Component
class MessageRetention {

    private final MessageStore store;
    private final Settings settings;

    MessageRetention(MessageStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * {@code crosspost.message.*}.
     *
     * @param retention messages received longer ago than this are deleted at night; not set: kept for ever
     */
    @ConfigurationProperties("crosspost.message")
    record Settings(Duration retention) {

        Settings {
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new IllegalArgumentException("crosspost.message.retention must be positive (e.g. 180d), or unset");
            }
        }
    }

    @Scheduled(cron = "0 45 3 * * *")
    void nightly() {
        if (settings.retention() != null) {
            expire(settings.retention(), Instant.now());
        }
    }

    /** Deletes the messages received more than {@code retention} before {@code now}; returns how many. */
    int expire(Duration retention, Instant now) {
        return Retention.expire("messages", retention, now, store::deleteOlderThan);
    }
}

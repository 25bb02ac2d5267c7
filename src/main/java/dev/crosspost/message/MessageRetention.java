package dev.crosspost.message;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The message log's retention: every night at 03:45 (server time) the messages received more than
 * {@code crosspost.message.retention} ago are deleted. Without the setting they are kept. A message older than the
 * retention that arrives again (same channel and external id) is no longer recognised as a duplicate, so keep the
 * retention well above any client's retry horizon.
 */
@Component
class MessageRetention implements Retention {

    private final MessageStore store;
    private final MessageProperties properties;

    MessageRetention(MessageStore store, MessageProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String what() {
        return "messages";
    }

    @Override
    public Duration keep() {
        return properties.retention();
    }

    @Override
    public String cron() {
        return "0 45 3 * * *";
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batch) {
        return store.deleteOlderThan(cutoff, batch);
    }
}

package dev.crosspost.shoutbox;

import java.time.Duration;
import java.time.Instant;

import dev.crosspost.message.Retention;
import org.springframework.stereotype.Component;

/**
 * The shouts' retention: every night at 03:30 (server time) the shouts older than {@code crosspost.shoutbox.retention}
 * are deleted. Without the setting, shouts are kept. The message log ({@code crosspost.messages}) and Camunda's
 * history are kept by their own rules (README). Expiry is quiet: unlike a removal by a person, it changes nothing
 * where the shouts went (no retraction in the chat room, no {@link dev.crosspost.message.MessageChanges}).
 */
@Component
class ShoutRetention implements Retention {

    private final ShoutStore store;
    private final ShoutboxProperties properties;

    ShoutRetention(ShoutStore store, ShoutboxProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String what() {
        return "shouts";
    }

    @Override
    public Duration keep() {
        return properties.retention();
    }

    @Override
    public String cron() {
        return "0 30 3 * * *";
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batch) {
        return store.deleteOlderThan(cutoff, batch);
    }
}

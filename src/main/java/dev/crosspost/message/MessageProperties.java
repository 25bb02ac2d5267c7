package dev.crosspost.message;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.message.*}: the message log and the Inbox.
 *
 * @param retention         messages received longer ago than this are deleted at night; not set: kept for ever
 * @param concurrentAccepts at most this many messages are accepted at once ({@link Inbox}); 0: twice the cores
 */
@ConfigurationProperties("crosspost.message")
record MessageProperties(Duration retention, @DefaultValue("0") int concurrentAccepts) {

    MessageProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("crosspost.message.retention must be positive (e.g. 180d), or unset");
        }
    }
}

package dev.crosspost.message.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.outbox.*}: how sends leave through the outbox.
 *
 * @param lease         how long a node holds the rows it sends; renewed every third of it. After a crash another
 *                      node (or the restarted one) takes the rows over once it ran out
 * @param pollInterval  how often rows nobody holds (their node died) are looked for
 * @param claimBatch    at most this many rows claimed per poll
 * @param flushInterval how often sent rows are marked SENT (one UPDATE for all of them)
 * @param flushSize     a flush starts early once this many rows wait for it
 * @param retryFirst    the first wait after a failed send; doubles (with jitter) up to {@code retryMax}
 * @param retryMax      the longest wait between two attempts
 * @param giveUpAfter   a row this old whose send fails again goes FAILED and becomes a Camunda incident
 * @param sendTimeout   a send the port has not confirmed by then counts as failed (its fate unknown)
 * @param keep          SENT rows are kept this long (to look into what went out), then deleted
 * @param statsCache    how long the per-channel figures of /channels and Prometheus are reused
 */
@Validated
@ConfigurationProperties("crosspost.outbox")
public record OutboxProperties(@DefaultValue("30s") Duration lease,
                               @DefaultValue("1s") Duration pollInterval,
                               @DefaultValue("500") @Min(1) int claimBatch,
                               @DefaultValue("250ms") Duration flushInterval,
                               @DefaultValue("200") @Min(1) int flushSize,
                               @DefaultValue("5s") Duration retryFirst,
                               @DefaultValue("5m") Duration retryMax,
                               @DefaultValue("2h") Duration giveUpAfter,
                               @DefaultValue("60s") Duration sendTimeout,
                               @DefaultValue("7d") Duration keep,
                               @DefaultValue("5s") Duration statsCache) {

    /** The defaults, for code that runs without Spring (tests). */
    public static OutboxProperties defaults() {
        return new OutboxProperties(Duration.ofSeconds(30), Duration.ofSeconds(1), 500, Duration.ofMillis(250), 200,
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofSeconds(60),
                Duration.ofDays(7), Duration.ofSeconds(5));
    }
}

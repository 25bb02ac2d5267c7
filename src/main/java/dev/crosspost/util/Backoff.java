package dev.crosspost.util;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of min·2ⁿ, capped at max. For every
 * loop that reconnects to something (the chat server, PostgreSQL's LISTEN connection).
 */
public record Backoff(Duration min, Duration max, DoubleSupplier random) {

    /** Backoff with {@link ThreadLocalRandom} jitter. */
    public static Backoff between(Duration min, Duration max) {
        return new Backoff(min, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long exponential = min.toMillis() << Math.min(Math.max(attempt, 0), 20);
        long base = exponential <= 0 ? cap : Math.min(cap, exponential);
        return Duration.ofMillis(base / 2 + (long) (random.getAsDouble() * (base - base / 2)));
    }
}

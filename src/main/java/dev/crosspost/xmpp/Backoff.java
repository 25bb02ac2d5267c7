package dev.crosspost.xmpp;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: the n-th retry waits between half and all of min·2ⁿ, capped at max. */
record Backoff(Duration min, Duration max, DoubleSupplier random) {

    Duration delay(int attempt) {
        long cap = max.toMillis();
        long exponential = min.toMillis() << Math.min(Math.max(attempt, 0), 20);
        long base = exponential <= 0 ? cap : Math.min(cap, exponential);
        return Duration.ofMillis(base / 2 + (long) (random.getAsDouble() * (base - base / 2)));
    }
}

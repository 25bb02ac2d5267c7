package dev.crosspost.util;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;

/**
 * A limit: at most {@code events} in a burst, given back evenly over {@code per} (a token bucket that holds
 * {@code events} tokens and refills {@code events} per {@code per}).
 */
public record Rate(int events, Duration per) {

    public Rate {
        if (events < 1 || per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate needs events >= 1 and a positive period, got " + events
                    + " per " + per);
        }
    }

    public Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(events).refillGreedy(events, per).build();
    }
}

package dev.crosspost.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromMinUpToMaxWithJitterBetweenHalfAndAll() {
        var lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        var highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999999);

        assertThat(lowest.delay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delay(0)).isEqualTo(Duration.ofMillis(999));
        assertThat(lowest.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.delay(3)).isEqualTo(Duration.ofMillis(7999));
        assertThat(lowest.delay(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(highest.delay(1000)).isLessThan(Duration.ofSeconds(60)).isGreaterThan(Duration.ofSeconds(59));
    }
}

package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.crosspost.util.BucketStore;
import dev.crosspost.util.Rate;
import org.junit.jupiter.api.Test;

/** The rate limits without Spring; nothing refills within a test (rates per hour). */
class RateLimitsTest {

    @Test
    void rateLimitsArePerMemberKindAndChannel() {
        var limits = new RateLimits(new RateLimitProperties(true, Map.of("shout",
                new Rate(2, Duration.ofHours(1)))), BucketStore.inMemory());
        assertThat(limits.tryTake("shout", "alice", "shoutbox:a").allowed()).isTrue();
        assertThat(limits.tryTake("shout", "alice", "shoutbox:a").allowed()).isTrue();
        var refused = limits.tryTake("shout", "alice", "shoutbox:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(limits.tryTake("shout", "alice", "shoutbox:b").allowed()).isTrue();
        assertThat(limits.tryTake("shout", "bob", "shoutbox:a").allowed()).isTrue();
        assertThat(limits.tryTake("story", "alice", "event:story").allowed()).isTrue(); // no rate configured
        var off = new RateLimits(new RateLimitProperties(false, Map.of("shout", new Rate(1, Duration.ofHours(1)))),
                BucketStore.inMemory());
        assertThat(off.tryTake("shout", "alice", "x").allowed()).isTrue();
        assertThat(off.tryTake("shout", "alice", "x").allowed()).isTrue();
    }
}

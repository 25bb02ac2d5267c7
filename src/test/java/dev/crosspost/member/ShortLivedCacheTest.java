package dev.crosspost.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ShortLivedCacheTest {

    private Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void anAnswerIsReusedUntilItExpiresThenLoadedAgain() {
        var cache = new ShortLivedCache<String, String>(Duration.ofSeconds(10), 100, clock);
        assertThat(cache.get("bob", this::load)).isEqualTo("bob#1");
        now = now.plusSeconds(9);
        assertThat(cache.get("bob", this::load)).isEqualTo("bob#1");
        now = now.plusSeconds(2);
        assertThat(cache.get("bob", this::load)).isEqualTo("bob#2");
    }

    @Test
    void clearForgetsEverythingAtOnce() {
        var cache = new ShortLivedCache<String, String>(Duration.ofSeconds(10), 100, clock);
        cache.get("bob", this::load);
        cache.get("carol", this::load);
        cache.clear();
        assertThat(cache.get("bob", this::load)).isEqualTo("bob#3");
        assertThat(cache.get("carol", this::load)).isEqualTo("carol#4");
    }

    @Test
    void anAnswerLoadedWhileTheDirectoryChangedIsNotKept() {
        var cache = new ShortLivedCache<String, String>(Duration.ofSeconds(10), 100, clock);
        assertThat(cache.get("bob", key -> {
            cache.clear(); // a change lands while this look-up runs
            return "stale";
        })).isEqualTo("stale");
        assertThat(cache.get("bob", this::load)).isEqualTo("bob#1");
    }

    @Test
    void aZeroTtlRemembersNothing() {
        var cache = new ShortLivedCache<String, String>(Duration.ZERO, 100, clock);
        cache.get("bob", this::load);
        assertThat(cache.get("bob", this::load)).isEqualTo("bob#2");
    }
}

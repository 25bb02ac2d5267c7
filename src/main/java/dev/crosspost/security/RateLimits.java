package dev.crosspost.security;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.crosspost.util.BucketStore;
import dev.crosspost.util.TokenBuckets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * How much one member may send: one token bucket per member, kind and channel (Bucket4j), with the rate of the
 * kind from {@code crosspost.limits.rates}. A kind without a configured rate is not limited. The buckets live in
 * the {@link BucketStore}: on PostgreSQL one allowance for the whole cluster, on H2 (one node) in memory.
 * <p>
 * The HTTP side uses it through {@code web/RateLimitedRoutes}; chat and SMS can take from it the same way.
 */
@Service
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimits {

    /** The answer: allowed, or refused until {@code retryAfter} has passed. */
    public record Verdict(boolean allowed, Duration retryAfter) {

        /** Whole seconds for a {@code Retry-After} header: at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);

    private final boolean enabled;
    private final Map<String, TokenBuckets> byKind;

    RateLimits(RateLimitProperties properties, BucketStore store) {
        this.enabled = properties.enabled();
        this.byKind = properties.rates().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> store.buckets("rate-" + e.getKey(), e.getValue())));
    }

    /**
     * Takes one from the member's allowance for this kind on this channel.
     *
     * @param kind     {@code shout}, {@code story}, {@code comment}, ... (a key of {@code crosspost.limits.rates})
     * @param memberId who sends (for a guest: anything that names them and no member)
     * @param channel  where, e.g. {@code shoutbox:team}
     */
    public Verdict tryTake(String kind, String memberId, String channel) {
        TokenBuckets buckets = byKind.get(kind);
        if (!enabled || buckets == null) {
            return ALLOWED;
        }
        Duration wait = buckets.tryTake(memberId + "\u0000" + channel);
        return wait.isZero() ? ALLOWED : new Verdict(false, wait);
    }
}

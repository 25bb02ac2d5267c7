package dev.crosspost.util;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;

/**
 * Bucket4j token buckets of one {@link Rate}, one per key, in this node's memory. A bucket that has filled up
 * again holds nothing worth keeping and is forgotten when the map grows large.
 * <p>
 * In util/ because several edges limit with it: security/ (logins, HTTP requests per member), the chat adapter
 * (lines per sender, xmpp/ChatLimits) and incoming webhooks (calls per hook). Adapters may not use security/, and
 * the primitive knows none of them.
 */
public final class KeyedBuckets implements TokenBuckets {

    private static final int SWEEP_AT = 10_000;

    private final Rate rate;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyedBuckets(Rate rate) {
        this.rate = rate;
    }

    @Override
    public Duration tryTake(String key) {
        var probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    @Override
    public Duration waitFor(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? Duration.ZERO : Duration.ofNanos(bucket.estimateAbilityToConsume(1)
                .getNanosToWaitForRefill());
    }

    @Override
    public void take(String key) {
        bucket(key).tryConsume(1);
    }

    private Bucket bucket(String key) {
        if (buckets.size() >= SWEEP_AT) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= rate.events());
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(rate.bandwidth()).build());
    }
}

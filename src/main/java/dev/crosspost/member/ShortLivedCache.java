package dev.crosspost.member;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Remembers look-ups for a short time. Every request asks the directory who its member is and which teams they
 * are in, each answer a handful of queries; a few seconds of memory turns that into none for most requests.
 * {@link #clear()} forgets everything at once (the directory was changed on this node).
 */
final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, long expiresAt, long generation) { }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final Clock clock;
    private final int maxSize;
    private final AtomicLong generation = new AtomicLong();

    ShortLivedCache(Duration ttl, int maxSize, Clock clock) {
        this.ttlMillis = ttl.toMillis();
        this.maxSize = maxSize;
        this.clock = clock;
    }

    V get(K key, Function<K, V> load) {
        long now = clock.millis();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expiresAt > now && entry.generation == generation.get()) {
            return entry.value;
        }
        long loadedIn = generation.get();
        V value = load.apply(key);
        if (ttlMillis > 0) {
            if (entries.size() >= maxSize) {
                entries.clear(); // more people than a team tool has: start over rather than track ages
            }
            // an answer loaded while the directory changed may be stale: it only counts for this call
            if (loadedIn == generation.get()) {
                entries.put(key, new Entry<>(value, now + ttlMillis, loadedIn));
            }
        }
        return value;
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}

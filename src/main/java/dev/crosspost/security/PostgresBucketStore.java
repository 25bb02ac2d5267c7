package dev.crosspost.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.crosspost.util.BucketStore;
import dev.crosspost.util.KeyedBuckets;
import dev.crosspost.util.Rate;
import dev.crosspost.util.TokenBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Buckets as rows of {@code crosspost.rate_limit_buckets} (Bucket4j's PostgreSQL backend, V33): every node takes
 * from the same row, locked for the moment it takes ({@code SELECT ... FOR UPDATE}), so one member's allowance and
 * one address's failed logins are counted once for the cluster. Each take is one short transaction.
 * <p>
 * A row's id is the limit's name and rate and a hash of the key: no member id or address in clear, a fixed length,
 * and a changed rate starts new buckets instead of running on under the old one (the old rows expire). A bucket
 * that has filled up again is worth nothing and is deleted a minute later, in batches, by every node in turn.
 * <p>
 * When the database cannot be reached, each node falls back to buckets in its own memory (as on H2): the limits
 * then hold per node until it is back, and nothing is refused just because the database is away.
 */
class PostgresBucketStore implements BucketStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresBucketStore.class);
    static final String TABLE = "crosspost.rate_limit_buckets";
    private static final int BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final AtomicLong lastWarning = new AtomicLong();

    PostgresBucketStore(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .requestTimeout(Duration.ofSeconds(2))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build();
    }

    @Override
    public TokenBuckets buckets(String name, Rate rate) {
        String prefix = name + " " + rate.events() + "/" + rate.per() + " ";
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(rate.bandwidth()).build();
        var local = new KeyedBuckets(rate);
        return new TokenBuckets() {
            @Override
            public Duration tryTake(String key) {
                return shared(() -> {
                    var probe = bucket(key).tryConsumeAndReturnRemaining(1);
                    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
                }, () -> local.tryTake(key));
            }

            @Override
            public Duration waitFor(String key) {
                return shared(() -> Duration.ofNanos(bucket(key).estimateAbilityToConsume(1).getNanosToWaitForRefill()),
                        () -> local.waitFor(key));
            }

            @Override
            public void take(String key) {
                shared(() -> bucket(key).tryConsume(1), () -> {
                    local.take(key);
                    return null;
                });
            }

            private Bucket bucket(String key) {
                return buckets.getProxy(prefix + hash(key), () -> configuration);
            }
        };
    }

    /** Deletes the rows of buckets that have filled up again (a minute after), at most a few batches a turn. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void removeFull() {
        try {
            int removed;
            int rounds = 0;
            do {
                removed = buckets.removeExpired(BATCH);
            } while (removed == BATCH && ++rounds < 10);
        } catch (RuntimeException e) {
            log.warn("could not delete full rate limit buckets: {}", e.toString());
        }
    }

    private <T> T shared(Supplier<T> inDatabase, Supplier<T> inMemory) {
        try {
            return inDatabase.get();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last > Duration.ofMinutes(1).toNanos() && lastWarning.compareAndSet(last, now)) {
                log.warn("rate limit buckets in the database unreachable ({}): limits hold per node until it is back",
                        e.toString());
            }
            return inMemory.get();
        }
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.crosspost.util.BucketStore;
import dev.crosspost.util.KeyedBuckets;
import dev.crosspost.util.Rate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Where the buckets live, without Spring and without PostgreSQL (ClusterLimitsIT has the shared ones). */
class BucketStoresTest {

    private static final Rate TWO_AN_HOUR = new Rate(2, Duration.ofHours(1));

    @Test
    void onTheEmbeddedH2TheBucketsAreInThisNodesMemory() {
        var h2 = new DriverManagerDataSource("jdbc:h2:mem:bucket-stores;DB_CLOSE_DELAY=-1", "sa", "");
        var store = new BucketStores().bucketStore(h2);

        assertThat(store).isNotInstanceOf(PostgresBucketStore.class);
        assertThat(store.buckets("rate-shout", TWO_AN_HOUR)).isInstanceOf(KeyedBuckets.class);
    }

    @Test
    void inMemoryTwoNodesCountApart() {
        // What the embedded default gives: each node its own allowance (there is only one node on H2).
        var a = BucketStore.inMemory().buckets("rate-shout", TWO_AN_HOUR);
        var b = BucketStore.inMemory().buckets("rate-shout", TWO_AN_HOUR);
        a.tryTake("alice");
        a.tryTake("alice");

        assertThat(a.tryTake("alice")).isPositive();
        assertThat(b.tryTake("alice")).isZero();
    }

    @Test
    void withTheDatabaseAwayTheSharedBucketsStillLimitOnThisNode() {
        // Nothing listens on port 1: every take fails at once, and the node counts in its own memory instead.
        var away = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "x");
        var buckets = new PostgresBucketStore(away).buckets("login-address", TWO_AN_HOUR);

        assertThat(buckets.waitFor("10.0.0.1")).isZero();
        buckets.take("10.0.0.1");
        assertThat(buckets.tryTake("10.0.0.1")).isZero();
        assertThat(buckets.tryTake("10.0.0.1")).isPositive();
        assertThat(buckets.waitFor("10.0.0.1")).isPositive();
        assertThat(buckets.waitFor("10.0.0.2")).isZero();
    }
}

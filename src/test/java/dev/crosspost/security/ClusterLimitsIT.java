package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.crosspost.support.TestDatabase;
import dev.crosspost.util.BucketStore;
import dev.crosspost.util.Rate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The limits of a cluster, on the real PostgreSQL: two nodes' {@link RateLimits} and {@link LoginThrottle}s in
 * this JVM, each node with its own connections to one database (migrated by Flyway as a node's start does), built
 * the way the application builds them ({@link BucketStores}). What one member sends and what one address fails
 * counts once, whichever node it reaches. Rates per hour: nothing refills within the test.
 */
class ClusterLimitsIT {

    private static final Rate FOUR_AN_HOUR = new Rate(4, Duration.ofHours(1));
    private static String database;

    @BeforeAll
    static void migrate() throws Exception {
        if (!TestDatabase.postgres()) {
            return;
        }
        database = TestDatabase.fresh("limits");
        Flyway.configure().dataSource(TestDatabase.url(database), "postgres", "postgres")
                .table("crosspost_schema_history").load().migrate();
    }

    @Test
    void twoNodesEnforceOneMembersRateLimitAndOneAddresssLoginThrottleTogether() {
        assumeTrue(TestDatabase.postgres(), "cluster-wide limits need PostgreSQL (-Dit.db=postgres)");
        var a = node();
        var b = node();

        // One member's shouts: 4 an hour, 2 through each node, then neither takes more.
        assertThat(a.limits().tryTake("shout", "alice", "shoutbox:team").allowed()).isTrue();
        assertThat(b.limits().tryTake("shout", "alice", "shoutbox:team").allowed()).isTrue();
        assertThat(a.limits().tryTake("shout", "alice", "shoutbox:team").allowed()).isTrue();
        assertThat(b.limits().tryTake("shout", "alice", "shoutbox:team").allowed()).isTrue();
        for (var node : List.of(a, b)) {
            var refused = node.limits().tryTake("shout", "alice", "shoutbox:team");
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfterSeconds()).isBetween(1L, 15 * 60L); // one token back every 15 minutes
        }
        assertThat(b.limits().tryTake("shout", "alice", "shoutbox:other").allowed()).isTrue();
        assertThat(a.limits().tryTake("shout", "bob", "shoutbox:team").allowed()).isTrue();

        // One address's failed logins: 4 an hour, 2 on each node; then it is refused on both, other addresses not.
        for (var node : List.of(a, b, a, b)) {
            assertThat(node.throttle().refusal("192.0.2.7", "carol")).isZero();
            node.throttle().failed("192.0.2.7", "carol");
        }
        assertThat(a.throttle().refusal("192.0.2.7", "dave")).isPositive();
        assertThat(b.throttle().refusal("192.0.2.7", "carol")).isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(a.throttle().refusal("192.0.2.8", "dave")).isZero();
        assertThat(b.throttle().refusal("192.0.2.8", "dave")).isZero();
    }

    @Test
    void anAccountGuessedThroughBothNodesFromManyAddressesIsRefusedOnBoth() {
        assumeTrue(TestDatabase.postgres(), "cluster-wide limits need PostgreSQL (-Dit.db=postgres)");
        var a = node();
        var b = node();
        for (int i = 0; i < 6; i++) { // per account: 6 an hour, from six addresses, through both nodes
            (i % 2 == 0 ? a : b).throttle().failed("198.51.100." + i, "Erin");
        }
        assertThat(a.throttle().refusal("198.51.100.99", "erin")).isPositive();
        assertThat(b.throttle().refusal("198.51.100.98", "ERIN")).isPositive();
        assertThat(b.throttle().refusal("198.51.100.98", "frank")).isZero();
    }

    @Test
    void takingAtTheSameMomentOnBothNodesNeverGivesMoreThanTheAllowance() throws Exception {
        assumeTrue(TestDatabase.postgres(), "cluster-wide limits need PostgreSQL (-Dit.db=postgres)");
        var nodes = List.of(node(), node());
        var pool = Executors.newFixedThreadPool(2);
        try {
            var allowed = pool.invokeAll(nodes.stream().<Callable<Long>>map(node -> () -> IntStream.range(0, 10)
                    .filter(i -> node.limits().tryTake("comment", "grace", "event:story").allowed()).count())
                    .toList());
            long total = 0;
            for (var f : allowed) {
                total += f.get();
            }
            assertThat(total).isEqualTo(FOUR_AN_HOUR.events());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One node's limiter and throttle, as the application context builds them from its own connections. */
    private static Node node() {
        DataSource own = new DriverManagerDataSource(TestDatabase.url(database), "postgres", "postgres");
        BucketStore store = new BucketStores().bucketStore(own);
        assertThat(store).isInstanceOf(PostgresBucketStore.class);
        var limits = new RateLimits(new RateLimitProperties(true, Map.of("shout", FOUR_AN_HOUR,
                "comment", FOUR_AN_HOUR)), store);
        var throttle = new LoginThrottle(new LoginProperties(FOUR_AN_HOUR, new Rate(6, Duration.ofHours(1)),
                Duration.ofDays(30)), store);
        return new Node(limits, throttle);
    }

    private record Node(RateLimits limits, LoginThrottle throttle) {
    }
}

package dev.crosspost.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.crosspost.support.TcpProxy;
import dev.crosspost.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The leader lock itself, on the real PostgreSQL: two nodes' {@link BotLeader}s in this JVM, each reaching the
 * database through its own loopback proxy, so the test can cut one node's lock connection or make it go silent.
 * Every election and deposition goes into one log, in the order they happened: a node is always deposed before
 * the next one is elected. Short intervals (check 300 ms, timeout 400 ms, grace 3 s) keep it quick; a grace of an
 * hour shows where a node does not wait it at all (it would not be elected within the test), and where it does; the
 * grace counts from the last holder's last recorded check.
 * Each test has a lock key of its own, so what one test's holders recorded ({@code crosspost.bot_holder}) is not
 * the next one's past.
 */
class BotLeaderIT {

    private static final Duration HOUR = Duration.ofHours(1);

    // no clash with a running app, nor with another test of this class
    private final long key = 990_000 + (long) (Math.random() * 1_000_000);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<BotLeader> leaders = new CopyOnWriteArrayList<>();
    private final List<TcpProxy> proxies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        leaders.forEach(BotLeader::stop);
        proxies.forEach(TcpProxy::cut);
    }

    @Test
    void aCutLockConnectionDeposesTheLeaderBeforeAnotherNodeIsElected() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var a = node("a");
        var b = node("b");
        a.leader().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leader().leads());
        b.leader().start();
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> !b.leader().leads() && a.leader().leads());
        assertThat(b.leader().status().holder()).isEqualTo("a");

        a.proxy().cut();

        // b won the lock from a holder that did not let go: it waits the grace before it connects the bot
        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().status().role() == Leadership.Role.TAKING_OVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().leads());
        assertThat(events).containsExactly("a elected", "a deposed", "b elected");
        assertThat(b.leader().status().failovers()).isEqualTo(1);
        assertThat(a.leader().status().holder()).isEqualTo("b");
    }

    @Test
    void aNodeAloneIsElectedAtOnceAndAfterACleanStopSoIsTheNext() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var a = node("a", HOUR);
        a.leader().start();

        // nobody held the bot under this key: no previous holder to wait for
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leader().leads());

        a.leader().stop(); // lets go, and records that
        var c = node("c", HOUR);
        c.leader().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> c.leader().leads());
        assertThat(events).containsExactly("a elected", "a deposed", "c elected");
    }

    @Test
    void aNodeThatWinsTheLockFromAHolderCutOffWaitsTheGrace() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var a = node("a");
        var b = node("b", HOUR);
        a.leader().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leader().leads());
        b.leader().start();

        a.proxy().block(); // cut off: a may still be speaking for all b can tell

        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().status().role() == Leadership.Role.TAKING_OVER);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !b.leader().leads());
        assertThat(events).containsExactly("a elected", "a deposed");
    }

    @Test
    void aNodeThatWinsTheLockFromAHolderSilentForLongerThanTheGraceConnectsAtOnce() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var a = node("a");
        a.leader().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leader().leads());
        a.proxy().block(); // a dies holding the bot (no let-go recorded), and does not come back
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("a deposed"));
        // as after a restart that took two hours: a's last check is that long ago
        JdbcClient.create(new DriverManagerDataSource(TestDatabase.url(TestDatabase.database()), "postgres", "postgres"))
                .sql("update crosspost.bot_holder set checked_at = checked_at - interval '2 hours' where lock_key = ?")
                .param(key).update();

        var b = node("b", HOUR); // elected within the test only if the grace counts from a's last check
        b.leader().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().leads());
        assertThat(events).containsExactly("a elected", "a deposed", "b elected");
    }

    @Test
    void aNodeWaitingTheGraceConnectsWhenItEndsNotAtItsNextCheck() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        // a holder killed 31 s ago left its row: checked, never let go. With a grace of 33 s (plus the 0.4 s
        // timeout) about 2.4 s of it are left when b wins the lock
        holderLeft("killed", Duration.ofSeconds(31), null);
        // b checks only every 30 s: elected within the test only if it does not wait for its next check
        var b = node("b", Duration.ofSeconds(30), Duration.ofSeconds(33));
        b.leader().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().status().role() == Leadership.Role.TAKING_OVER);
        assertThat(b.leader().leads()).as("the grace is waited").isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> b.leader().leads());
        assertThat(events).containsExactly("b elected");
    }

    @Test
    void aNodeThatWinsTheLockFromAHolderWhoseProcessHereEndedConnectsAtOnce() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        // the holder was a process on this machine, killed just now (kill -9): checked a moment ago, never let go
        Process killed = new ProcessBuilder("sleep", "60").start();
        String process = new LocalProcess().of(killed.pid()).orElseThrow();
        killed.destroyForcibly();
        killed.waitFor();
        holderLeft("killed", Duration.ZERO, process);

        var b = node("b", HOUR); // elected within the test only if it sees the process ended and waits no grace
        b.leader().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().leads());
        assertThat(events).containsExactly("b elected");
    }

    @Test
    void aHolderProcessStillRunningHereIsWaitedFor() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        // a holder that is alive on this machine (say, paused or cut off from the database) may still be speaking
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            String process = new LocalProcess().of(alive.pid()).orElseThrow();
            holderLeft("paused", Duration.ZERO, process);

            var b = node("b", HOUR);
            b.leader().start();

            await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().status().role() == Leadership.Role.TAKING_OVER);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !b.leader().leads());
            assertThat(events).isEmpty();
        } finally {
            alive.destroyForcibly();
        }
    }

    @Test
    void aLeaderThatHearsNothingFromTheDatabaseLetsGoFirst() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var a = node("a");
        var b = node("b");
        a.leader().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leader().leads());
        b.leader().start();

        a.proxy().holdReplies(); // the database still sees a's session, and a's lock: only a's check can notice

        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().leads());
        assertThat(events).containsExactly("a elected", "a deposed", "b elected");
    }

    @Test
    void aNodeShuttingDownHandsTheBotOnAtOnce() {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var a = node("a");
        var b = node("b", HOUR); // elected only if it does not wait the grace: a let go cleanly
        a.leader().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leader().leads());
        b.leader().start();

        a.leader().stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().leads());
        assertThat(events).containsExactly("a elected", "a deposed", "b elected");
    }

    /**
     * Found by the soak (issue 24): a holder stopped with SIGSTOP (or in a long GC pause) keeps its socket open and
     * its kernel answers the keep-alives, so PostgreSQL kept its session, and the lock, for as long as it slept; no
     * other node could take the bot. Here the paused holder is a lock session that took the lock, as a holder's does,
     * and then runs nothing more.
     */
    @Test
    void aHolderThatStopsRunningWithItsSocketOpenLosesTheLockAndFindsOutWhenItWakes() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the leader lock needs PostgreSQL (-Dit.db=postgres)");
        var settings = new ClusterProperties("paused", Duration.ofMillis(300), Duration.ofMillis(400),
                Duration.ofMillis(3000), key);
        var paused = LockConnection.open(TestDatabase.url(TestDatabase.database()), "postgres", "postgres", "paused",
                key, settings.checkTimeout(), settings.idleLimit());
        try {
            assertThat(paused.tryLock()).isTrue();
            var b = node("b");
            b.leader().start();

            await().atMost(Duration.ofSeconds(15)).until(() -> b.leader().leads());
            assertThat(events).containsExactly("b elected");
            org.assertj.core.api.Assertions.assertThatThrownBy(paused::check)
                    .as("the woken holder's first check fails: it cuts its chat session")
                    .isInstanceOf(java.sql.SQLException.class);
        } finally {
            paused.close();
        }
    }

    /**
     * A holder that did not let go, as one that died or is cut off leaves its row: it last checked {@code checkedAgo}
     * ago; {@code process} as {@link LocalProcess} names it (null: unknown).
     */
    private void holderLeft(String node, Duration checkedAgo, String process) {
        Flyway.configure().dataSource(direct()).table("crosspost_schema_history").baselineOnMigrate(true)
                .baselineVersion("0").load().migrate();
        JdbcClient.create(direct()).sql("""
                        insert into crosspost.bot_holder (lock_key, node, incarnation, held_since, checked_at, process)
                        values (?, ?, 'gone', now() - interval '1 hour', now() - ? * interval '1 millisecond', ?)""")
                .params(key, node, checkedAgo.toMillis(), process).update();
    }

    private Node node(String name) {
        return node(name, Duration.ofMillis(3000));
    }

    private Node node(String name, Duration grace) {
        return node(name, Duration.ofMillis(300), grace);
    }

    private static DataSource direct() {
        return new DriverManagerDataSource(TestDatabase.url(TestDatabase.database()), "postgres", "postgres");
    }

    private Node node(String name, Duration checkInterval, Duration grace) {
        var proxy = TcpProxy.start(TestDatabase.port());
        proxies.add(proxy);
        String db = TestDatabase.database();
        var props = new DataSourceProperties();
        props.setUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db);
        props.setUsername("postgres");
        props.setPassword("postgres");
        DataSource direct = new DriverManagerDataSource(TestDatabase.url(db), "postgres", "postgres");
        // crosspost.bot_holder, as the app's start makes it (a no-op when this JVM's app context did already)
        Flyway.configure().dataSource(direct).table("crosspost_schema_history").baselineOnMigrate(true)
                .baselineVersion("0").load().migrate();
        var cluster = new ClusterProperties(name, checkInterval, Duration.ofMillis(400), grace, key);
        var leader = new BotLeader(cluster, props, JdbcClient.create(direct), new Database(direct),
                new SimpleMeterRegistry());
        leader.subscribe(new Leadership.Listener() {
            @Override
            public void elected() {
                events.add(name + " elected");
            }

            @Override
            public void deposed(String why) {
                events.add(name + " deposed");
            }
        });
        leaders.add(leader);
        return new Node(leader, proxy);
    }

    private record Node(BotLeader leader, TcpProxy proxy) {
    }
}

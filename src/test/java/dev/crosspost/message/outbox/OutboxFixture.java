package dev.crosspost.message.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.SendCap;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real outbox without Spring, for tests that run without the app: Crosspost's migrations on a fresh in-memory H2
 * database, the store, a started dispatcher and {@link Outbox} over the given ports. Close it to stop the dispatcher.
 */
public final class OutboxFixture implements AutoCloseable {

    /** A retry failure recorded instead of starting a process. */
    public record RanOut(String outboxId, String messageId, ChannelAddress target, String error) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OutboxStore store;
    private final OutboxDispatcher dispatcher;
    private final Outbox outbox;
    private final List<RanOut> ranOut = new CopyOnWriteArrayList<>();

    private OutboxFixture(OutboxProperties properties, List<OutboundPort> ports, List<SendCap> caps) {
        this(properties, ports, caps, "outbox-" + UUID.randomUUID(), null, NodeProcesses.UNKNOWN);
    }

    /**
     * A node on the in-memory database {@code database}; {@code nudge}: what its outbox's nudges reach once their
     * transaction commits (as PostgreSQL's NOTIFY), {@code null}: its own dispatcher.
     */
    private OutboxFixture(OutboxProperties properties, List<OutboundPort> ports, List<SendCap> caps,
                          String database, Consumer<String> nudge, NodeProcesses processes) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).table("crosspost_schema_history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        store = new OutboxStore(jdbc, tx);
        dispatcher = new OutboxDispatcher(store, ports, properties,
                (id, messageId, target, error) -> ranOut.add(new RanOut(id, messageId, target, error)), tx,
                processes);
        Consumer<String> heard = nudge == null ? dispatcher::pollSoon : nudge;
        outbox = new Outbox(ports, caps, store, dispatcher, new OutboxNudge() {
            @Override
            public void unheld(String kind) {
                afterCommit(() -> heard.accept(kind));
            }

            @Override
            public void listen(Consumer<String> dispatcher) {
                // wired above: heard is this node's dispatcher, or both nodes'
            }
        });
        dispatcher.start();
    }

    /**
     * Two nodes on one database that poll only when nudged (their regular poll is an hour apart); the standby's
     * nudges reach both, as a NOTIFY reaches every node.
     */
    public static OutboxFixture[] holderAndStandby(OutboundPort atHolder, OutboundPort atStandby) {
        return holderAndStandby(atHolder, atStandby, null);
    }

    /**
     * As {@link #holderAndStandby(OutboundPort, OutboundPort)}; {@code late}, unless {@code null}: the standby's
     * nudges meant for the holder go there instead, for the test to pass on ({@code dispatcher().pollSoon(kind)})
     * when it likes, as a NOTIFY the holder hears late.
     */
    static OutboxFixture[] holderAndStandby(OutboundPort atHolder, OutboundPort atStandby, List<String> late) {
        var d = OutboxProperties.defaults();
        var properties = new OutboxProperties(d.lease(), Duration.ofHours(1), d.claimBatch(), d.flushInterval(),
                d.flushSize(), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(2), d.sendTimeout(),
                d.keep(), d.statsCache());
        String database = "outbox-" + UUID.randomUUID();
        var holder = new OutboxFixture(properties, List.of(atHolder), List.of(), database, null, NodeProcesses.UNKNOWN);
        var standby = new OutboxFixture[1];
        standby[0] = new OutboxFixture(properties, List.of(atStandby), List.of(), database, kind -> {
            if (late == null) {
                holder.dispatcher.pollSoon(kind);
            } else {
                late.add(kind);
            }
            standby[0].dispatcher.pollSoon(kind);
        }, NodeProcesses.UNKNOWN);
        return new OutboxFixture[] {holder, standby[0]};
    }

    private static void afterCommit(Runnable r) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            r.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        r.run();
                    }
                });
    }

    /** Quick retries (10 ms doubling to 100 ms), giving up after 2 s. */
    public static OutboxFixture of(OutboundPort... ports) {
        return with(Duration.ofSeconds(2), ports);
    }

    /** Quick retries (10 ms doubling to 100 ms), giving up on a row this old. */
    public static OutboxFixture with(Duration giveUpAfter, OutboundPort... ports) {
        return new OutboxFixture(quick(giveUpAfter), List.of(ports), List.of());
    }

    /** As {@link #of}, with leases of {@code lease} (renewed every third of it). */
    static OutboxFixture withLease(Duration lease, OutboundPort... ports) {
        var q = quick(Duration.ofSeconds(30));
        return new OutboxFixture(new OutboxProperties(lease, q.pollInterval(), q.claimBatch(), q.flushInterval(),
                q.flushSize(), q.retryFirst(), q.retryMax(), q.giveUpAfter(), q.sendTimeout(), q.keep(),
                q.statsCache()), List.of(ports), List.of());
    }

    /** As {@link #of}, with sent rows marked SENT in batches only once an hour. */
    static OutboxFixture flushedHourly(OutboundPort... ports) {
        var q = quick(Duration.ofSeconds(2));
        return new OutboxFixture(new OutboxProperties(q.lease(), q.pollInterval(), q.claimBatch(), Duration.ofHours(1),
                q.flushSize(), q.retryFirst(), q.retryMax(), q.giveUpAfter(), q.sendTimeout(), q.keep(),
                q.statsCache()), List.of(ports), List.of());
    }

    /** As {@link #of}, telling other nodes' ended processes by {@code processes}. */
    static OutboxFixture watching(NodeProcesses processes, OutboundPort... ports) {
        return new OutboxFixture(quick(Duration.ofSeconds(2)), List.of(ports), List.of(),
                "outbox-" + UUID.randomUUID(), null, processes);
    }

    /** As {@link #of}, with {@code cap} on the sends of its kind. */
    public static OutboxFixture capped(SendCap cap, OutboundPort... ports) {
        return new OutboxFixture(quick(Duration.ofSeconds(2)), List.of(ports), List.of(cap));
    }

    private static OutboxProperties quick(Duration giveUpAfter) {
        var d = OutboxProperties.defaults();
        return new OutboxProperties(d.lease(), Duration.ofMillis(50), d.claimBatch(), d.flushInterval(), d.flushSize(),
                Duration.ofMillis(10), Duration.ofMillis(100), giveUpAfter, d.sendTimeout(), d.keep(), d.statsCache());
    }

    public Outbox outbox() {
        return outbox;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Transactions on the fixture's database, as the app's accepting transaction. */
    public TransactionTemplate tx() {
        return tx;
    }

    OutboxStore store() {
        return store;
    }

    /** Changes of messages ({@code MessageChanges}) through this outbox; {@code ports}: the local ones among them. */
    OutboxChanges changes(List<OutboundPort> ports) {
        return new OutboxChanges(new ChangeStore(jdbc), outbox, ports);
    }

    OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    /** Sends whose retries ran out, as the incident starter heard of them. */
    public List<RanOut> ranOut() {
        return ranOut;
    }

    /** The status of the row with stable id {@code outboxId}, or {@code null}. */
    public String status(String outboxId) {
        return jdbc.sql("select status from crosspost.outbox where id = ?").param(outboxId).query(String.class)
                .optional().orElse(null);
    }

    public long rows() {
        return jdbc.sql("select count(*) from crosspost.outbox").query(Long.class).single();
    }

    @Override
    public void close() {
        dispatcher.stop();
    }
}

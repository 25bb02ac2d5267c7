package dev.crosspost.cluster;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which node holds the chat bot: the one whose {@link LockConnection} holds PostgreSQL's session-level advisory lock.
 * One thread ticks every {@code check-interval}: a standby node tries the lock; a node that won it waits out the
 * takeover grace (checking its connection meanwhile) and then is elected; the leader checks its connection and, when
 * the check fails, is deposed at once, before anything else: its listeners drop the bot, then the connection goes.
 * <p>
 * The grace is for a previous holder that may still be speaking: one that died or was cut off from the database
 * lost the lock before it could say so. Nobody speaks when nobody held the bot before (the first start of a
 * cluster), or when the last holder let go cleanly (it records that before it lets go of the lock,
 * {@code crosspost.bot_holder}), or when the last holder was this very process (it has let go: it was deposed): then
 * the winner connects the bot at once. On H2 (one node, no advisory locks) this node leads from the start.
 */
@Component
class BotLeader implements Leadership, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BotLeader.class);

    private final ClusterProperties properties;
    private final DataSourceProperties dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Counter failovers;
    /** This process as a holder of the bot: the node name, and an id of this start. */
    private final LockConnection.Holder me;
    private final LocalProcess local = new LocalProcess();
    private volatile ScheduledExecutorService ticker;
    private LockConnection lock;
    private volatile Role role = Role.STANDBY;
    private volatile Instant since = Instant.now();
    private long wonAt;
    private boolean waitGrace;
    /** The part of the takeover grace still to wait when the lock was won. */
    private Duration graceLeft = Duration.ZERO;
    private boolean sawAnother;
    private String lastProblem;

    BotLeader(ClusterProperties properties, DataSourceProperties dataSource, JdbcClient jdbc, Database database,
              MeterRegistry meters) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.postgres = database.postgres();
        this.me = new LockConnection.Holder(properties.nodeName(), UUID.randomUUID().toString(),
                local.self().orElse(null));
        Gauge.builder("crosspost.bot.leader", () -> role == Role.LEADER ? 1 : 0).strongReference(true)
                .description("1 on the node that holds the chat bot, 0 on the others").register(meters);
        this.failovers = Counter.builder("crosspost.bot.failovers")
                .description("times this node took the bot over after another node (or itself before) had held it")
                .register(meters);
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public boolean leads() {
        return role == Role.LEADER;
    }

    @Override
    public Status status() {
        return new Status(properties.nodeName(), role, role == Role.LEADER ? properties.nodeName() : holder(), since,
                (long) failovers.count());
    }

    @Override
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bot-leader");
            t.setDaemon(true);
            return t;
        });
        if (!postgres) {
            ticker.execute(() -> elect("the embedded database has one node"));
            return;
        }
        long every = properties.checkInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Drops the bot first, records that, then lets go of the lock: the next node takes over at once. */
    @Override
    public void stop() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t == null) {
            return;
        }
        t.shutdownNow();
        try {
            t.awaitTermination(properties.checkTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (role == Role.LEADER) {
            depose("this node is shutting down");
            recordLetGo();
        }
        release();
        role = Role.STANDBY;
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    private void tick() {
        try {
            switch (role) {
                case STANDBY -> tryLock();
                case TAKING_OVER -> takeOver();
                case LEADER -> checkLeader();
            }
        } catch (RuntimeException e) {
            log.warn("bot leadership: unexpected failure in {} ({}); trying again", role.label(), e.toString());
        }
    }

    private void tryLock() {
        try {
            if (lock == null) {
                lock = LockConnection.open(dataSource.determineUrl(), dataSource.determineUsername(),
                        dataSource.determinePassword(), properties.nodeName(), properties.lockKey(),
                        properties.checkTimeout(), properties.idleLimit());
            }
            if (lock.tryLock()) {
                role = Role.TAKING_OVER;
                since = Instant.now();
                wonAt = System.nanoTime();
                Optional<LockConnection.Unreleased> speaking = lock.unreleasedHolder()
                        .filter(h -> !h.holder().incarnation().equals(me.incarnation()));
                // a holder whose process this node sees ended (same machine: a restart after kill -9) is silent
                boolean ended = speaking.isPresent() && local.ended(speaking.get().holder().process());
                graceLeft = ended ? Duration.ZERO : speaking.map(this::graceLeft).orElse(Duration.ZERO);
                waitGrace = graceLeft.compareTo(Duration.ZERO) > 0;
                lastProblem = null;
                if (ended) {
                    log.info("bot leadership: node {} won the lock; node {} held the bot and did not let go, but its "
                            + "process on this machine has ended: no takeover grace", properties.nodeName(),
                            speaking.get().holder().node());
                }
                if (waitGrace) {
                    log.info("bot leadership: node {} won the lock; node {} held the bot and did not let go, so "
                                    + "connecting the bot in {} s (takeover grace)", properties.nodeName(),
                            speaking.get().holder().node(), graceLeft.toMillis() / 1000.0);
                    graceEndsTick();
                } else {
                    takeOver(); // nobody may be speaking: no grace to wait
                }
            } else {
                sawAnother = true;
                lastProblem = null;
            }
        } catch (SQLException e) {
            release();
            role = Role.STANDBY; // it may have won the lock just before
            problem("cannot reach the database for the bot lock: " + e.getMessage());
        }
    }

    private void takeOver() {
        try {
            lock.check();
        } catch (SQLException e) {
            release();
            role = Role.STANDBY;
            since = Instant.now();
            log.warn("bot leadership: lost the lock connection during the takeover grace ({}); standing by", e.getMessage());
            return;
        }
        if (!waitGrace || System.nanoTime() - wonAt >= graceLeft.toNanos()) {
            try {
                lock.recordHolder(me); // before the bot connects: should this node die holding it, the next one waits
            } catch (SQLException e) {
                release();
                role = Role.STANDBY;
                since = Instant.now();
                problem("cannot record this node as the bot's holder (" + e.getMessage() + "); standing by");
                return;
            }
            if (sawAnother) {
                failovers.increment();
            }
            elect(waitGrace ? "won the lock " + graceLeft.toMillis() / 1000.0 + " s ago"
                    : "won the lock; nobody else held the bot, its last holder let go or its process ended, or its "
                    + "last check was more than the takeover grace ago");
        }
    }

    /**
     * One tick more, when the grace ends: the bot connects then rather than at the first regular tick after it (up to
     * a {@code check-interval} later). The ticker's single thread runs it, so it never overlaps a regular tick; should
     * a regular tick have elected this node first, it is one leader check more.
     */
    private void graceEndsTick() {
        ScheduledExecutorService t = ticker;
        if (t != null) {
            try {
                t.schedule(this::tick, graceLeft.toMillis() + 1, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // the node is stopping: no takeover to finish
            }
        }
    }

    /**
     * How much of the takeover grace a holder that did not let go leaves to wait: it has let go of the bot at most
     * {@code check-interval + 2 x check-timeout} (+ the disconnect margin) after its last recorded check (its next
     * check starts an interval after the answer, which took up to a timeout, and fails a timeout later at most), so
     * the grace counts from that check, plus one timeout. Never more than the grace itself.
     */
    Duration graceLeft(LockConnection.Unreleased last) {
        Duration grace = properties.takeoverGrace();
        if (last.sinceCheck() == null) {
            return grace;
        }
        Duration left = grace.plus(properties.checkTimeout()).minus(last.sinceCheck());
        return left.isNegative() ? Duration.ZERO : left.compareTo(grace) > 0 ? grace : left;
    }

    /** After a clean depose: the next node that wins the lock need not wait for this one. */
    private void recordLetGo() {
        if (lock == null) {
            return;
        }
        try {
            lock.recordLetGo(me);
        } catch (SQLException e) {
            log.info("bot leadership: could not record that node {} let go of the bot ({}); the next node waits the "
                    + "takeover grace", properties.nodeName(), e.getMessage());
        }
    }

    private void checkLeader() {
        try {
            lock.checkHolding(me);
        } catch (SQLException e) {
            depose("lost the lock connection: " + e.getMessage());
            release();
            sawAnother = true; // whoever takes the bot next, this node included, takes it over
        }
    }

    private void elect(String why) {
        role = Role.LEADER;
        since = Instant.now();
        log.info("bot leadership: node {} holds the bot ({})", properties.nodeName(), why);
        listeners.forEach(Listener::elected);
    }

    private void depose(String why) {
        role = Role.STANDBY;
        since = Instant.now();
        if (ticker == null) {
            log.info("bot leadership: node {} gives up the bot: {}", properties.nodeName(), why);
        } else {
            log.warn("bot leadership: node {} gives up the bot: {}", properties.nodeName(), why);
        }
        for (Listener l : listeners) {
            try {
                l.deposed(why);
            } catch (RuntimeException e) {
                log.error("bot leadership: a listener failed to let go of the bot", e);
            }
        }
        log.info("bot leadership: node {} has let go of the bot", properties.nodeName());
    }

    private void release() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private void problem(String what) {
        if (!what.equals(lastProblem)) {
            log.warn("bot leadership: {}", what);
            lastProblem = what;
        }
    }

    /** Which node holds the lock, as PostgreSQL sees it (null: none, or the database is away). */
    private String holder() {
        if (!postgres) {
            return null;
        }
        long[] key = LockConnection.keyHalves(properties.lockKey());
        try {
            return jdbc.sql(LockConnection.holderQuery()).params(key[0], key[1]).query(String.class).optional()
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

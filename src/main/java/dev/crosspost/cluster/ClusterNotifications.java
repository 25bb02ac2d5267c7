package dev.crosspost.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.crosspost.util.Backoff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Notifications to every node at once. On PostgreSQL, {@link #publish} is a {@code NOTIFY} in the caller's
 * transaction (PostgreSQL delivers it only if that commits, to every node that LISTENs, this one included), and each
 * node LISTENs on one pooled connection of its own for all channels. On H2 (one node) a publish is handed to this
 * node's listeners after the commit. When the LISTEN connection was lost, notifications sent meanwhile are lost too:
 * listeners are told ({@link Listener#missed}) once it is back, so a cache can forget everything.
 */
@Component
public class ClusterNotifications implements SmartLifecycle {

    /** Hears one channel; called on the listening thread, in order: hand long work over. */
    public interface Listener {
        void heard(String payload);

        /** The node may have missed notifications (the LISTEN connection was lost and is back). */
        default void missed() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterNotifications.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Backoff BACKOFF = Backoff.between(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private volatile Thread listener;
    private volatile boolean running;

    ClusterNotifications(DataSource dataSource, JdbcClient jdbc, Database database) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.postgres = database.postgres();
    }

    /** Listens on {@code channel} (lower-case letters, digits, _); register before the application starts. */
    public void listen(String channel, Listener l) {
        if (!NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a notification channel name: " + channel);
        }
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(l);
    }

    /** Tells every node, this one included, once the current transaction commits (at once without one). */
    public void publish(String channel, String payload) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(channel, payload).query().singleRow();
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(channel, payload);
                }
            });
        } else {
            deliver(channel, payload);
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            Thread t = new Thread(this::listen, "cluster-listener");
            t.setDaemon(true);
            t.start();
            listener = t;
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        int failures = 0;
        boolean lost = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    for (String channel : listeners.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (lost) {
                    log.info("cluster notifications: listening again; caches start over");
                    listeners.values().forEach(ls -> ls.forEach(Listener::missed));
                }
                failures = 0;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                lost = true;
                Duration delay = BACKOFF.delay(failures++);
                log.warn("cluster notifications: lost the LISTEN connection ({}); retrying in {} ms", e.getMessage(),
                        delay.toMillis());
                sleep(delay);
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (Listener l : listeners.getOrDefault(channel, List.of())) {
            try {
                l.heard(payload);
            } catch (RuntimeException e) {
                log.warn("cluster notifications: a listener of {} failed: {}", channel, e.toString());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

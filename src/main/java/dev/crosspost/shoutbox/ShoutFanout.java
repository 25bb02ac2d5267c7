package dev.crosspost.shoutbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import dev.crosspost.util.Backoff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Brings every new shout to the browsers of every Crosspost node. On PostgreSQL the transaction that stores
 * a shout also sends {@code NOTIFY crosspost_shouts} with its id (delivered by PostgreSQL only if it commits),
 * and each node LISTENs on a connection of its own and pushes what it hears; so several nodes sharing one
 * database all show live shouts. On the embedded H2 database (one node) the shout is pushed after commit.
 * A deleted shout goes the same way ({@code deleted <shoutbox> <id>}), so it vanishes from every open page.
 */
@Component
class ShoutFanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShoutFanout.class);
    static final String CHANNEL = "crosspost_shouts";
    private static final Backoff BACKOFF = Backoff.between(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final String DELETED = "deleted ";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ShoutStore store;
    private final ShoutStream stream;
    private final boolean postgres;
    private volatile Thread listener;
    private volatile boolean running;

    ShoutFanout(DataSource dataSource, JdbcClient jdbc, ShoutStore store, ShoutStream stream) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.store = store;
        this.stream = stream;
        this.postgres = isPostgres(dataSource);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void beforeCommit(ShoutboxService.ShoutAdded event) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, event.shout().id()).query().singleRow();
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void afterCommit(ShoutboxService.ShoutAdded event) {
        if (!postgres) {
            stream.push(event.shout());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void beforeCommit(ShoutRemoval.ShoutDeleted event) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, DELETED + event.shoutbox() + " " + event.id())
                    .query().singleRow();
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void afterCommit(ShoutRemoval.ShoutDeleted event) {
        if (!postgres) {
            stream.pushDeleted(event.shoutbox(), event.id());
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            Thread t = new Thread(this::listen, "shout-listener");
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
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                failures = 0;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        heard(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration delay = BACKOFF.delay(failures++);
                log.warn("live shouts: lost the LISTEN connection ({}); retrying in {} ms", e.getMessage(),
                        delay.toMillis());
                sleep(delay);
            }
        }
    }

    /** A new shout's id, or {@code deleted <shoutbox> <id>}. */
    private void heard(String payload) {
        if (payload.startsWith(DELETED)) {
            String[] boxAndId = payload.substring(DELETED.length()).split(" ", 2);
            stream.pushDeleted(boxAndId[0], boxAndId[1]);
        } else {
            store.find(payload).ifPresent(stream::push);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }
}

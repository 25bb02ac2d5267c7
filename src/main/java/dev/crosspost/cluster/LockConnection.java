package dev.crosspost.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The leader lock's own database connection, outside the connection pool: a PostgreSQL session-level advisory
 * lock lives exactly as long as the session that took it, so whoever holds this connection alive holds the lock.
 * Every statement waits at most the check timeout. The session's name ({@code application_name}) carries the
 * node's name, so every node can ask PostgreSQL which node holds the lock.
 */
final class LockConnection implements AutoCloseable {

    static final String APPLICATION_PREFIX = "crosspost-bot-lock ";

    /** Runs the driver's network-timeout aborts. */
    private static final Executor ABORTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bot-lock-abort");
        t.setDaemon(true);
        return t;
    });

    private final Connection connection;
    private final long key;

    private LockConnection(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * Opens the session. The server is told to probe the connection itself (TCP keep-alives, user timeout), so a
     * leader that vanishes without closing its socket loses the lock in seconds, not after the system's two hours;
     * and to end the session when it has been idle for {@code idleLimit} ({@code idle_session_timeout}): a holder
     * checks its lock every check interval, so one that stops checking with its socket still open (a process
     * stopped or in a long GC pause, whose kernel still answers the keep-alives) loses the lock too.
     */
    static LockConnection open(String url, String user, String password, String node, long key, Duration timeout,
                               Duration idleLimit) throws SQLException {
        var props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        int seconds = (int) Math.max(1, timeout.toSeconds());
        props.setProperty("ApplicationName", APPLICATION_PREFIX + node);
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds + 1));
        props.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(url, props);
        try {
            c.setAutoCommit(true);
            c.setNetworkTimeout(ABORTS, (int) timeout.toMillis());
            for (String setting : List.of("tcp_keepalives_idle = 3", "tcp_keepalives_interval = 1",
                    "tcp_keepalives_count = 3", "tcp_user_timeout = " + Math.max(1000, timeout.toMillis() * 2),
                    "idle_session_timeout = " + Math.max(1000, idleLimit.toMillis()))) {
                try (var s = c.createStatement()) {
                    s.execute("set " + setting);
                } catch (SQLException unsupported) {
                    // an older server (idle_session_timeout: PostgreSQL 14) or a socket without TCP (a local one): the
                    // lock still works, found dead later
                }
            }
            return new LockConnection(c, key);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** {@code pg_try_advisory_lock}: true when this session holds the lock now (again true if it already did). */
    boolean tryLock() throws SQLException {
        try (var s = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A round trip on the session: it is alive, so it still holds its lock. Throws when not (or too slow). */
    void check() throws SQLException {
        try (var s = connection.createStatement(); var rs = s.executeQuery("select 1")) {
            rs.next();
        }
    }

    /**
     * As {@link #check()}, for the bot's holder: the round trip records when it was made ({@code checked_at}), so that
     * the next winner of the lock knows how long ago this holder last held it for sure.
     */
    void checkHolding(Holder holder) throws SQLException {
        try (var s = connection.prepareStatement("update crosspost.bot_holder set checked_at = now() "
                + "where lock_key = ? and incarnation = ?")) {
            s.setLong(1, key);
            s.setString(2, holder.incarnation());
            s.executeUpdate();
        }
    }

    /**
     * The last holder of the bot as {@code crosspost.bot_holder} records it, if it may still be speaking: it held the
     * bot and did not record letting go (it died, or was cut off from the database). Empty when nobody ever held it
     * under this key or the last holder let go cleanly. Asked by the lock's holder only.
     */
    Optional<Unreleased> unreleasedHolder() throws SQLException {
        try (var s = connection.prepareStatement("""
                select node, incarnation, extract(epoch from (now() - checked_at)) * 1000, process
                  from crosspost.bot_holder
                 where lock_key = ? and released_at is null""")) {
            s.setLong(1, key);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                double millis = rs.getDouble(3);
                Duration sinceCheck = rs.wasNull() ? null : Duration.ofMillis(Math.max(0, (long) millis));
                return Optional.of(new Unreleased(new Holder(rs.getString(1), rs.getString(2), rs.getString(4)),
                        sinceCheck));
            }
        }
    }

    /** Records this node as the bot's holder, before it connects the bot (the lock fences the write). */
    void recordHolder(Holder holder) throws SQLException {
        try (var s = connection.prepareStatement("""
                insert into crosspost.bot_holder (lock_key, node, incarnation, held_since, checked_at, process)
                values (?, ?, ?, now(), now(), ?)
                on conflict (lock_key) do update set node = excluded.node, incarnation = excluded.incarnation,
                       held_since = excluded.held_since, checked_at = excluded.checked_at, released_at = null,
                       process = excluded.process""")) {
            s.setLong(1, key);
            s.setString(2, holder.node());
            s.setString(3, holder.incarnation());
            s.setString(4, holder.process());
            s.executeUpdate();
        }
    }

    /** Records that this holder has let go of the bot: the next winner of the lock need not wait for it. */
    void recordLetGo(Holder holder) throws SQLException {
        try (var s = connection.prepareStatement("update crosspost.bot_holder set released_at = now() "
                + "where lock_key = ? and incarnation = ? and released_at is null")) {
            s.setLong(1, key);
            s.setString(2, holder.incarnation());
            s.executeUpdate();
        }
    }

    /**
     * A holder of the bot: the node's name, its process start ({@code incarnation}, random per start) and which
     * process it is on which machine ({@link LocalProcess}; null where unknown).
     */
    record Holder(String node, String incarnation, String process) {
    }

    /**
     * A holder that did not record letting go, and how long ago (the database's clock) it last found its lock alive;
     * {@code null}: it never recorded a check.
     */
    record Unreleased(Holder holder, Duration sinceCheck) {
    }

    /** Ends the session at once (the server releases the lock when it sees the socket close). */
    @Override
    public void close() {
        try {
            connection.abort(ABORTS);
        } catch (SQLException | RuntimeException ignored) {
            // gone either way
        }
    }

    /** The query (for a pooled connection) that names the node whose session holds the lock, if any. */
    static String holderQuery() {
        return "select substr(a.application_name, " + (APPLICATION_PREFIX.length() + 1) + ") from pg_locks l "
                + "join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted "
                + "and l.classid::bigint = ? and l.objid::bigint = ? and l.objsubid = 1"
                // advisory locks are per database: another Crosspost on the same server holds its own
                + " and l.database = (select oid from pg_database where datname = current_database())";
    }

    /** {@code pg_locks} shows a bigint advisory key as two 32-bit halves. */
    static long[] keyHalves(long key) {
        return new long[] {key >>> 32, key & 0xffffffffL};
    }
}

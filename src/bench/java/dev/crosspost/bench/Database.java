package dev.crosspost.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The benchmark's own PostgreSQL database, dropped and created fresh for every run. */
final class Database {

    private Database() {
    }

    static void recreate(BenchOptions o) throws SQLException {
        recreate(o, o.database());
    }

    static void drop(BenchOptions o) throws SQLException {
        drop(o, o.database());
    }

    /** {@code name}: a database of this run beside the main one (the Camunda baseline's). */
    static void recreate(BenchOptions o, String name) throws SQLException {
        try (Connection c = connect(o, "postgres"); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
    }

    static void drop(BenchOptions o, String name) throws SQLException {
        try (Connection c = connect(o, "postgres"); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A connection pool on database {@code name} of this run. */
    static com.zaxxer.hikari.HikariDataSource pool(BenchOptions o, String name, int size) {
        var ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://" + o.pgHost() + ":" + o.pgPort() + "/" + name);
        ds.setUsername(o.pgUser());
        ds.setPassword(o.pgPassword());
        ds.setMaximumPoolSize(size);
        // PostgreSQL may be shared: connections as the load needs them, and while other runs hold them all, wait
        ds.setMinimumIdle(Math.min(size, 10));
        ds.setConnectionTimeout(120_000);
        ds.setInitializationFailTimeout(120_000);
        return ds;
    }

    static void execute(BenchOptions o, String sql) throws SQLException {
        try (Connection c = connect(o, o.database()); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The server's version, e.g. "15.14". */
    static String version(BenchOptions o) throws SQLException {
        try (Connection c = connect(o, "postgres")) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    /**
     * A connection; while the server has none left ({@code too many clients}: on a shared machine other test runs
     * may hold them all for a while) it tries again for up to two minutes.
     */
    static Connection connect(BenchOptions o, String database) throws SQLException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                return DriverManager.getConnection("jdbc:postgresql://" + o.pgHost() + ":" + o.pgPort() + "/"
                        + database, o.pgUser(), o.pgPassword());
            } catch (SQLException e) {
                if (!TOO_MANY_CLIENTS.equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                Bench.log("PostgreSQL has no connection left (other runs hold them); trying again in 2 s");
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000_000L);
            }
        }
    }

    private static final String TOO_MANY_CLIENTS = "53300";
}

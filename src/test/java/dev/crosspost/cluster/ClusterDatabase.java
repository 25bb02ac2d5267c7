package dev.crosspost.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.crosspost.support.TestDatabase;

/** The PostgreSQL server the cluster tests' nodes share with every other test run on this machine. */
final class ClusterDatabase {

    private static final String SERVER = TestDatabase.serverUrl();

    private ClusterDatabase() {
    }

    /** How many more connections the server takes now (max_connections minus those open). */
    static int freeConnections() throws SQLException {
        try (var c = connect("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("select current_setting('max_connections')::int - count(*) from pg_stat_activity")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A new empty database named after the test database ({@code CROSSPOST_TEST_DB}) and {@code suffix}. */
    static String fresh(String suffix) throws SQLException {
        String name = System.getenv().getOrDefault("CROSSPOST_TEST_DB", "crosspost_test") + "_" + suffix;
        try (var c = connect("postgres"); var s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
        return name;
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database, "postgres", "postgres");
    }
}

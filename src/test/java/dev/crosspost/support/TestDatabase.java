package dev.crosspost.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the integration tests run on: {@code -Dit.db=postgres} (what the README's test command uses) or
 * the embedded H2 default ({@code -Dit.db=h2}).
 * <p>
 * On PostgreSQL the server is {@code $CROSSPOST_TEST_PGHOST:$CROSSPOST_TEST_PG_PORT} (default 127.0.0.1:5432, user
 * and password {@code postgres}) and the database {@code $CROSSPOST_TEST_DB} (default {@code crosspost_test}). The
 * integration tests run in several JVMs at once (failsafe's {@code forkCount}): each JVM has a Crosspost of its own,
 * and two of them on one database would be a cluster that takes each other's sends, so each JVM works in a database
 * of its own, {@code <name>_<fork>}, made afresh when the JVM first asks for it.
 */
public final class TestDatabase {

    private static TcpProxy link;
    private static String database;

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("it.db", "h2"));
    }

    public static String host() {
        return System.getenv().getOrDefault("CROSSPOST_TEST_PGHOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("CROSSPOST_TEST_PG_PORT", "5432"));
    }

    /** The JDBC URL of {@code database} on the test server, reached directly (not through {@link #link()}). */
    public static String url(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** A connection as {@code postgres} to {@code database} on the test server. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }

    /**
     * The name this JVM's databases start with: {@code $CROSSPOST_TEST_DB}, plus {@code _<fork>} when failsafe runs
     * the tests in several JVMs.
     */
    public static String prefix() {
        String base = System.getenv().getOrDefault("CROSSPOST_TEST_DB", "crosspost_test");
        String fork = System.getProperty("it.fork", "");
        return fork.isBlank() || fork.startsWith("$") ? base : base + "_" + fork;
    }

    /** A new empty database {@code <prefix>_<suffix>} (dropped first if an earlier run left it). */
    public static String fresh(String suffix) throws SQLException {
        return recreate(prefix() + "_" + suffix);
    }

    /**
     * The app's way to PostgreSQL: a proxy that passes everything on unless a test takes the database away
     * ({@link TcpProxy#down()}), as a PostgreSQL restart does. Tests' own JDBC connections may go directly.
     */
    public static synchronized TcpProxy link() {
        if (link == null) {
            link = TcpProxy.start(port());
        }
        return link;
    }

    /** This JVM's database for the shared app context, made afresh on first use. */
    public static synchronized String database() {
        if (database == null) {
            try {
                database = recreate(prefix());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the test database on " + url(prefix()), e);
            }
        }
        return database;
    }

    public static void register(DynamicPropertyRegistry registry) {
        if (postgres()) {
            String db = database();
            // through the proxy (on loopback) when the server is local, so that DatabaseOutageIT can cut it
            String url = "127.0.0.1".equals(host()) ? "jdbc:postgresql://127.0.0.1:" + link().port() + "/" + db : url(db);
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "postgres");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:crosspost-it;DB_CLOSE_DELAY=-1");
            registry.add("spring.datasource.username", () -> "sa");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    /** How many more connections the server takes now (max_connections minus those open). */
    public static int freeConnections() throws SQLException {
        try (var c = connect("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("select current_setting('max_connections')::int - count(*) from pg_stat_activity")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String recreate(String name) throws SQLException {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (var c = connect("postgres"); var s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
        return name;
    }
}

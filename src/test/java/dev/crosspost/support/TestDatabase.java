package dev.crosspost.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the integration tests run on: {@code -Dit.db=postgres} (what the README's test command
 * uses; database {@code $CROSSPOST_TEST_DB}, default {@code crosspost_test}, on {@code $CROSSPOST_TEST_PGHOST}
 * (default 127.0.0.1) port {@code $CROSSPOST_TEST_PG_PORT} (default 5432), user and password {@code postgres})
 * or the embedded H2 default ({@code -Dit.db=h2}). The tests that cut or share the database through a
 * {@link TcpProxy} (outage, crash and cluster tests) need it on this machine.
 */
public final class TestDatabase {

    private static TcpProxy link;

    private TestDatabase() {
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

    /** The PostgreSQL port: {@code $CROSSPOST_TEST_PG_PORT}, default 5432 (what run-tests.sh exports). */
    public static int port() {
        String port = System.getenv().getOrDefault("CROSSPOST_TEST_PG_PORT", "5432");
        return Integer.parseInt(port.isBlank() ? "5432" : port.trim());
    }

    /** The PostgreSQL host: {@code $CROSSPOST_TEST_PGHOST}, default 127.0.0.1. */
    public static String host() {
        return System.getenv().getOrDefault("CROSSPOST_TEST_PGHOST", "127.0.0.1");
    }

    /** The test database's name: {@code $CROSSPOST_TEST_DB}, default {@code crosspost_test}. */
    public static String name() {
        return System.getenv().getOrDefault("CROSSPOST_TEST_DB", "crosspost_test");
    }

    /** {@code jdbc:postgresql://host:port/} straight to the server (no proxy), for a database name to follow. */
    public static String serverUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/";
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("it.db", "h2"));
    }

    public static void register(DynamicPropertyRegistry registry) {
        if (postgres()) {
            String db = name();
            String host = host();
            // through the proxy (on loopback) when the database is local, so that DatabaseOutageIT can cut it
            String address = "127.0.0.1".equals(host) ? "127.0.0.1:" + link().port() : host + ":" + port();
            registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + address + "/" + db);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "postgres");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:crosspost-it;DB_CLOSE_DELAY=-1");
            registry.add("spring.datasource.username", () -> "sa");
            registry.add("spring.datasource.password", () -> "");
        }
    }
}

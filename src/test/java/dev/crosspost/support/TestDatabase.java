package dev.crosspost.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the integration tests run on: {@code -Dit.db=postgres} (what the README's test command
 * uses; database {@code $CROSSPOST_TEST_DB}, default {@code crosspost_test}, on 127.0.0.1:5432) or the
 * embedded H2 default ({@code -Dit.db=h2}).
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
            link = TcpProxy.start(5432);
        }
        return link;
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("it.db", "h2"));
    }

    public static void register(DynamicPropertyRegistry registry) {
        if (postgres()) {
            String db = System.getenv().getOrDefault("CROSSPOST_TEST_DB", "crosspost_test");
            String host = System.getenv().getOrDefault("CROSSPOST_TEST_PGHOST", "127.0.0.1");
            // through the proxy (on loopback) when the database is local, so that DatabaseOutageIT can cut it
            String address = "127.0.0.1".equals(host) ? "127.0.0.1:" + link().port() : host + ":5432";
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

package dev.crosspost.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.CrosspostApplication;
import dev.crosspost.support.FromAddress;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TestDatabase;
import dev.crosspost.xmpp.connection.XmppProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * Crosspost started with exactly the environment {@code docker/compose.yaml} gives the service {@code crosspost}
 * (read from the file now, interpolated as Compose does), as its only environment: every variable binds, the app
 * is healthy, and behind a proxy two clients are throttled apart. Since no Docker runs here, the
 * service names become loopback: PostgreSQL is the test server (a database of its own, user {@code postgres}),
 * Prosody a server of this test's own (the shared one already has a bot logged in as {@code bot@localhost}), and the
 * app listens on a free port. Those substitutions are made below; the only other differences are what
 * {@link SecondContext} needs to run a second app in this JVM (an engine name, no global metrics, log levels).
 * <p>
 * Its own application context in this JVM, not the shared {@code AbstractIT} one, started and closed so that the
 * shared one does not notice.
 */
@EnabledIfSystemProperty(named = "it.db", matches = "(?i)postgres",
        disabledReason = "the compose file runs Crosspost on PostgreSQL: run with -Dit.db=postgres (run-tests.sh does)")
class ComposeEnvironmentIT {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)");
    private static final String ADMIN_PASSWORD = "compose-" + UUID.randomUUID();

    private static ProsodyServer prosody;
    private static SecondContext second;
    private static ConfigurableApplicationContext app;
    private static Map<String, String> env;
    private static String database;
    private static int port;

    @BeforeAll
    static void start() throws SQLException {
        database = TestDatabase.fresh("compose");
        prosody = ProsodyServer.startNew();
        env = composeEnvironment();
        second = start(env);
        app = second.context();
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (prosody != null) {
            prosody.stop();
        }
    }

    /** The compose file's environment for "crosspost", interpolated, with loopback for the other services. */
    private static Map<String, String> composeEnvironment() {
        // what the compose user exports (compose.yaml's header); POSTGRES_PASSWORD: the test server's password
        Map<String, String> shell = Map.of("CROSSPOST_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "CROSSPOST_XMPP_PASSWORD", ProsodyServer.BOT_PASSWORD, "POSTGRES_PASSWORD", "postgres");
        var services = ComposeFile.tree().path("services");
        Map<String, String> result = new LinkedHashMap<>();
        ComposeFile.environment(ComposeFile.tree(), "crosspost")
                .forEach((k, v) -> result.put(k, ComposeFile.interpolate(v, shell)));

        Matcher url = JDBC.matcher(result.get("SPRING_DATASOURCE_URL"));
        assertThat(url.matches()).as("SPRING_DATASOURCE_URL %s", result.get("SPRING_DATASOURCE_URL")).isTrue();
        assertThat(services.has(url.group(1))).as("the database host is the compose service").isTrue();
        result.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://" + TestDatabase.host() + ":" + TestDatabase.port() + "/"
                + database);
        result.put("SPRING_DATASOURCE_USERNAME", "postgres"); // compose's postgres service creates "crosspost"
        assertThat(services.has(result.get("CROSSPOST_XMPP_HOST"))).as("the XMPP host is the compose service").isTrue();
        result.put("CROSSPOST_XMPP_HOST", "127.0.0.1");
        assertThat(result).doesNotContainKeys("CROSSPOST_XMPP_PORT", "SERVER_PORT", "PORT");
        result.put("CROSSPOST_XMPP_PORT", String.valueOf(prosody.port())); // compose: Prosody's 5222, the default
        result.put("SERVER_PORT", "0"); // compose: 8080, the default, in the container's own network
        return result;
    }

    private static SecondContext start(Map<String, String> environment) {
        var spring = new StandardServletEnvironment();
        var sources = spring.getPropertySources();
        // the process environment is the compose one, and nothing else: no JVM system properties either
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment)));
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return SecondContext.run(new SpringApplicationBuilder(CrosspostApplication.class), spring);
    }

    /** Each variable of the compose file, and where the running app shows what it made of it. */
    @Test
    void everyVariableOfTheComposeFileBinds() {
        XmppProperties xmpp = app.getBean(XmppProperties.class);
        DataSourceProperties datasource = app.getBean(DataSourceProperties.class);
        Map<String, Function<ConfigurableApplicationContext, Object>> bound = Map.ofEntries(
                Map.entry("SPRING_PROFILES_ACTIVE", c -> String.join(",", c.getEnvironment().getActiveProfiles())),
                Map.entry("SPRING_DATASOURCE_URL", c -> datasource.getUrl()),
                Map.entry("SPRING_DATASOURCE_USERNAME", c -> datasource.getUsername()),
                Map.entry("SPRING_DATASOURCE_PASSWORD", c -> datasource.getPassword()),
                // the admin logs in with it (on a new database the first start creates the admin with it)
                Map.entry("CROSSPOST_ADMIN_PASSWORD", c -> adminLogsInWith(ADMIN_PASSWORD) ? ADMIN_PASSWORD : "refused"),
                Map.entry("CROSSPOST_XMPP_ENABLED", c -> xmpp.enabled()),
                Map.entry("CROSSPOST_XMPP_HOST", c -> xmpp.host()),
                Map.entry("CROSSPOST_XMPP_PORT", c -> xmpp.port()),
                Map.entry("CROSSPOST_XMPP_DOMAIN", c -> xmpp.domain()),
                Map.entry("CROSSPOST_XMPP_USERNAME", c -> xmpp.username()),
                Map.entry("CROSSPOST_XMPP_PASSWORD", c -> xmpp.password()),
                Map.entry("CROSSPOST_XMPP_TLS", c -> xmpp.tls().name().toLowerCase()),
                Map.entry("CROSSPOST_XMPP_ROOMS", c -> String.join(",", xmpp.rooms())),
                Map.entry("SERVER_FORWARD_HEADERS_STRATEGY",
                        c -> c.getBean(ServerProperties.class).getForwardHeadersStrategy().name().toLowerCase()),
                Map.entry("SERVER_PORT", c -> c.getBean(ServerProperties.class).getPort()));
        assertThat(bound.keySet()).as("a check for every variable").containsExactlyInAnyOrderElementsOf(env.keySet());
        bound.forEach((name, value) -> assertThat(String.valueOf(value.apply(app))).as(name).isEqualTo(env.get(name)));
        assertThat(app.getBean(JdbcClient.class).sql("select current_database()").query(String.class).single())
                .isEqualTo(database);
    }

    /**
     * Healthy, on PostgreSQL, with the bot's account. (The bot's login itself is not waited for here; the tests that
     * share {@code TestServers}' Prosody show the same crosspost.xmpp settings logging in.)
     */
    @Test
    void theAppIsUpOnPostgresqlWithTheBotsAccount() throws Exception {
        JsonNode health = health();
        assertThat(health.path("status").asText()).as("%s", health).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.at("/components/xmpp/status").asText()).as("%s", health).isEqualTo("UP");
        assertThat(health.at("/components/xmpp/details/account").asText()).isEqualTo("bot@localhost");
    }

    /**
     * The forwarded-headers fix: behind the proxy (nginx, a private or loopback address) two clients are two
     * addresses to the failed-login throttle, and what a client adds to X-Forwarded-For itself is not its address.
     */
    @Test
    void twoClientsBehindOneProxyAreThrottledApart() {
        var proxy = new FromAddress("127.0.9.1", port);
        String wrong = FromAddress.basic("admin", "wrong");
        for (int i = 0; i < 10; i++) {
            assertThat(proxy.get("/api/me", "Authorization", wrong, "X-Forwarded-For", "198.51.100.1").status())
                    .isEqualTo(401);
        }
        assertThat(proxy.get("/api/me", "Authorization", wrong, "X-Forwarded-For", "198.51.100.1").status())
                .as("the first client, throttled").isEqualTo(429);
        // a client that writes another address in front (as a proxy that appends would pass it on) is still itself
        assertThat(proxy.get("/api/me", "Authorization", wrong, "X-Forwarded-For", "198.51.100.77, 198.51.100.1")
                .status()).isEqualTo(429);
        assertThat(proxy.get("/api/me", "Authorization", wrong, "X-Forwarded-For", "198.51.100.2").status())
                .as("the second client, behind the same proxy").isEqualTo(401);
        assertThat(proxy.get("/api/me", "Authorization", FromAddress.basic("admin", ADMIN_PASSWORD),
                "X-Forwarded-For", "198.51.100.2").status()).isEqualTo(200);
    }

    private static boolean adminLogsInWith(String password) {
        return new FromAddress("127.0.9.2", port).get("/api/me", "Authorization", FromAddress.basic("admin", password))
                .status() == 200;
    }

    private static JsonNode health() throws Exception {
        var response = new FromAddress("127.0.9.3", port).get("/actuator/health", "Authorization",
                FromAddress.basic("admin", ADMIN_PASSWORD));
        return new ObjectMapper().readTree(response.body());
    }
}

package dev.crosspost.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.support.CrosspostChild;
import dev.crosspost.support.ProsodyServer;

/**
 * Crosspost as users run it: the packaged jar in its own JVM ({@link CrosspostChild}, the tests' helper), profile
 * {@code postgres}, the shipped configuration plus only what this machine needs (database, port, the bot's account on
 * the benchmark's Prosody). What the benchmark adds: waiting for health with its own deadlines, starting again after
 * a {@code kill -9} as an operator would, and its figures (memory, backlog).
 */
final class CrosspostProcess implements AutoCloseable {

    static final String ADMIN = CrosspostChild.ADMIN;
    /** The bot's nickname in the rooms. */
    static final String BOT_NICKNAME = "crosspost";
    static final int MIN_IDLE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CrosspostChild> launcher;
    private final AdminHttp admin;
    private final Duration startTimeout;
    private volatile CrosspostChild child;
    private volatile long answeringNanos;

    private CrosspostProcess(Supplier<CrosspostChild> launcher, AdminHttp admin, Duration startTimeout) {
        this.launcher = launcher;
        this.admin = admin;
        this.startTimeout = startTimeout;
        this.child = launcher.get();
    }

    static CrosspostProcess start(BenchOptions options, Path jar, Path dir, String database, ProsodyServer prosody,
                                  HttpClient client) {
        var app = launch(options, jar, dir, database, prosody, client, List.of());
        app.awaitHealthy();
        return app;
    }

    /**
     * Starts the app and returns at once (several nodes start side by side; {@link #awaitHealthy()} waits): the
     * command above plus {@code extra} settings, its log in {@code dir}. Every node has the same admin password
     * ({@link CrosspostChild#ADMIN_PASSWORD}).
     */
    static CrosspostProcess launch(BenchOptions options, Path jar, Path dir, String database, ProsodyServer prosody,
                                   HttpClient client, List<String> extra) {
        int port = CrosspostChild.freePort();
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql://" + options.pgHost() + ":" + options.pgPort() + "/" + database,
                "--spring.datasource.username=" + options.pgUser(),
                "--spring.datasource.password=" + options.pgPassword(),
                // PostgreSQL here may be shared (max_connections 100): open connections as the load needs them, up
                // to the shipped maximum, instead of all of them at start
                "--spring.datasource.hikari.minimum-idle=" + MIN_IDLE,
                // the bench posts hundreds of shouts per second as one member: the per-member limits would refuse them
                "--crosspost.limits.enabled=false",
                // the incoming-hook rate calls one hook hundreds of times a minute: its per-hook limit would refuse them
                "--crosspost.webhooks.rate.events=1000000"));
        if (prosody != null) {
            args.addAll(List.of("--crosspost.xmpp.enabled=true", "--crosspost.xmpp.host=127.0.0.1",
                    "--crosspost.xmpp.port=" + prosody.port(), "--crosspost.xmpp.domain=" + ProsodyServer.DOMAIN,
                    "--crosspost.xmpp.username=" + ProsodyServer.BOT,
                    "--crosspost.xmpp.password=" + ProsodyServer.BOT_PASSWORD,
                    "--crosspost.xmpp.resource=crosspost", "--crosspost.xmpp.nickname=" + BOT_NICKNAME,
                    "--crosspost.xmpp.rooms=" + BenchProsody.TEAM_ROOM, "--crosspost.xmpp.tls=disabled",
                    // one client says every room line of the load: the flood guard would cut it to 20 a minute
                    "--crosspost.xmpp.chat-rate=0"));
        }
        args.addAll(extra);
        List<String> jvm = new ArrayList<>(List.of(options.crosspostHeap()));
        if (Files.exists(Cds.archiveOf(jar))) { // prepared by Cds: start as the Docker image does
            jvm.add("-XX:SharedArchiveFile=" + Cds.archiveOf(jar));
        }
        jvm.addAll(moreJavaOptions());
        return new CrosspostProcess(() -> CrosspostChild.start(jar, dir, port, jvm, args),
                new AdminHttp(client, URI.create("http://127.0.0.1:" + port), ADMIN, CrosspostChild.ADMIN_PASSWORD),
                Duration.ofSeconds(options.startTimeoutSeconds()));
    }

    /** CROSSPOST_BENCH_JAVA_OPTS: more JVM options for Crosspost (say, a JIT setting to compare), space-separated. */
    static List<String> moreJavaOptions() {
        String more = System.getenv("CROSSPOST_BENCH_JAVA_OPTS");
        return more == null || more.isBlank() ? List.of() : List.of(more.trim().split("\\s+"));
    }

    /** {@code kill -9}: SIGKILL, no shutdown hook, no graceful anything. */
    void kill() {
        child.kill();
    }

    /**
     * Starts it again as an operator would: the same command, database and port; waits until it is healthy. A start
     * that fails (the process exits: say, the shared PostgreSQL had no connection left for a moment) is tried again,
     * as the operator would, for up to three start timeouts; one that runs but is slow to report healthy (the
     * machine is busy, the load is on) is waited for, never killed. Returns the number of starts it took.
     */
    int restart() {
        Instant giveUp = Instant.now().plus(startTimeout.multipliedBy(3));
        for (int attempt = 1; ; attempt++) {
            child = launcher.get();
            try {
                awaitHealthy(giveUp);
                return attempt;
            } catch (IllegalStateException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                Bench.log("  the restarted app exited (" + e.getMessage() + "); starting it again");
            }
        }
    }

    /**
     * UP as anyone sees it (every component, the bot's connection included), then the admin's view with its
     * components (the admin user exists by then). Notes when the app first answered HTTP at all.
     */
    void awaitHealthy() {
        awaitHealthy(startTimeout);
    }

    private void awaitHealthy(Duration timeout) {
        awaitHealthy(Instant.now().plus(timeout));
    }

    private void awaitHealthy(Instant deadline) {
        answeringNanos = 0;
        int status = -1;
        while (status != 200) {
            fail(deadline, "HTTP " + status);
            LockSupport.parkNanos(100_000_000L);
            status = admin.publicHealthStatus();
            if (status > 0 && answeringNanos == 0) {
                answeringNanos = System.nanoTime();
            }
        }
        String health = admin.health();
        while (status(health, "/components") == null) {
            fail(deadline, health);
            LockSupport.parkNanos(500_000_000L);
            health = admin.health();
        }
    }

    private void fail(Instant deadline, String health) {
        if (!child.alive() || Instant.now().isAfter(deadline)) {
            close();
            throw new IllegalStateException("Crosspost did not become healthy (last health: " + health + "); see "
                    + child.log());
        }
    }

    /** When the app last started answering HTTP ({@link System#nanoTime()}), healthy or not yet. */
    long answeringNanos() {
        return answeringNanos;
    }

    AdminHttp admin() {
        return admin;
    }

    long pid() {
        return child.pid();
    }

    /** The log of its latest start. */
    Path log() {
        return child.log();
    }

    /** Whether the running app has the XMPP adapter (a health component "xmpp"). */
    boolean hasXmpp() {
        return status(admin.health(), "/components/xmpp/status") != null;
    }

    /**
     * Whether this node's bot is connected and in its rooms: health component "xmpp" UP with {@code connected} true.
     * UP alone is not enough: a standby node, or one waiting out the takeover grace, reports UP, not connected.
     */
    boolean xmppUp() {
        String health = admin.health();
        return "UP".equals(status(health, "/components/xmpp/status"))
                && "true".equals(status(health, "/components/xmpp/details/connected"));
    }

    private static String status(String health, String pointer) {
        try {
            var node = health == null ? null : JSON.readTree(health).at(pointer);
            return node == null || node.isMissingNode() ? null : node.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** Resident set size in MB from {@code /proc/<pid>/status}; -1 when unavailable. */
    double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(child.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return Math.round(kb / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Memory and backlog at one moment; {@code outbox}: its pending rows, counted by the caller (-1: none). */
    Snapshot snapshot(long outbox) {
        return new Snapshot(rssMb(), admin.heapMb(), admin.jobCount(), outbox);
    }

    /** {@code jobs}: Camunda's; {@code outbox}: rows not sent yet; -1 where unavailable. */
    record Snapshot(double rssMb, double heapMb, long jobs, long outbox) {
    }

    /** SIGTERM (Spring's graceful shutdown), SIGKILL after 30 s. */
    @Override
    public void close() {
        child.close();
    }
}

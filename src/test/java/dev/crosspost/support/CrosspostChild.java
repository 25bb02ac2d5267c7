package dev.crosspost.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Crosspost as an operator runs it, in a JVM of its own: the jar {@code ./mvnw package} built (failsafe runs after
 * it), profile {@code postgres}, the shipped configuration plus what the test passes in. For tests that kill the
 * app ({@code kill -9}) and start it again on the same port and database, and for the benchmark
 * ({@code src/bench}), which runs its nodes through it.
 */
public final class CrosspostChild implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "child-admin-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private CrosspostChild(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with {@code --server.port=port} and {@code args}; returns at once (see {@link #answers}). */
    public static CrosspostChild start(Path dir, int port, List<String> args) {
        return start(dir, port, List.of(), args);
    }

    /** As {@link #start(Path, int, List)}, with options for the JVM besides {@code -Xmx256m}. */
    public static CrosspostChild start(Path dir, int port, List<String> jvmOptions, List<String> args) {
        try {
            return start(jar(), dir, port, jvmOptions, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #start(Path, int, List, List)}, of another jar (the benchmark measures an older build so); a later
     * {@code -Xmx} in {@code jvmOptions} wins over the default.
     */
    public static CrosspostChild start(Path jar, Path dir, int port, List<String> jvmOptions, List<String> args) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
            command.addAll(args);
            Path log = Files.createTempFile(dir, "crosspost-", ".log");
            var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("CROSSPOST_ADMIN_PASSWORD", ADMIN_PASSWORD);
            return new CrosspostChild(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar {@code ./mvnw package} built: {@code target/crosspost-*.jar}, not the plain {@code .jar.original}. */
    public static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target").toAbsolutePath())) {
            return files.filter(p -> p.getFileName().toString().matches("crosspost-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/crosspost-*.jar: run ./mvnw package first"));
        }
    }

    /** A free loopback port for a child (kept across its restarts). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app as the admin, over HTTP Basic. */
    public Api admin() {
        return Api.as(port, ADMIN, ADMIN_PASSWORD);
    }

    /** Whether the app answers HTTP at all (any status); throws when the process died. */
    public boolean answers() {
        ensureAlive();
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the health of one component ({@code xmpp}, {@code db}) is UP. */
    public boolean up(String component) {
        var health = admin().get("/actuator/health");
        return (health.status() == 200 || health.status() == 503)
                && "UP".equals(health.json().path("components").path(component).path("status").asText());
    }

    /**
     * This node holds the chat bot, its session is up and it is in every one of its rooms (a standby node's xmpp
     * health is UP too). A room the bot creates exists only from its join on: people join it after this.
     */
    public boolean botConnected() {
        var health = admin().get("/actuator/health");
        if (health.status() != 200 && health.status() != 503) {
            return false;
        }
        var details = health.json().path("components").path("xmpp").path("details");
        boolean inRooms = true;
        for (var joined : details.path("rooms")) {
            inRooms &= joined.asBoolean(false);
        }
        return details.path("connected").asBoolean(false) && inRooms;
    }

    /** Throws, naming the exit code and the log, when the process ended. */
    public void ensureAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Crosspost exited with " + process.exitValue() + "; see " + log);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, nothing flushed. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the app as an operator would (SIGTERM), killing it when it does not stop within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}

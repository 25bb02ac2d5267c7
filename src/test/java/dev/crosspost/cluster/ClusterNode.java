package dev.crosspost.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.crosspost.support.Api;
import dev.crosspost.support.TcpProxy;

/**
 * One Crosspost node as operators run it: the jar {@code mvn package} built, in its own JVM, with its database
 * and its chat server each reached through a loopback proxy of the test's, so the test can cut a node's database
 * connections and watch its chat sessions open and close. {@link #kill()} is {@code kill -9}.
 */
final class ClusterNode implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "cluster-admin-secret";

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final TcpProxy database;
    private final TcpProxy chat;

    private ClusterNode(String name, Process process, Path log, int port, TcpProxy database, TcpProxy chat) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.database = database;
        this.chat = chat;
    }

    /** Starts the node; it answers HTTP some seconds later ({@link #api}). */
    static ClusterNode start(String name, String database, TcpProxy db, TcpProxy chat, List<String> extra) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "cluster-it", name));
            Path log = dir.resolve("crosspost.log");
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", jar().toAbsolutePath().toString(),
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + db.port() + "/" + database,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--server.port=" + port,
                    "--crosspost.cluster.node-name=" + name,
                    "--crosspost.cluster.check-interval=1s", "--crosspost.cluster.check-timeout=1s",
                    "--crosspost.cluster.takeover-grace=4s",
                    "--crosspost.xmpp.enabled=true", "--crosspost.xmpp.host=127.0.0.1",
                    "--crosspost.xmpp.port=" + chat.port(), "--crosspost.xmpp.domain=localhost",
                    "--crosspost.xmpp.username=bot", "--crosspost.xmpp.password=bot-secret",
                    "--crosspost.xmpp.tls=disabled", "--crosspost.xmpp.rooms=team@conference.localhost",
                    "--crosspost.xmpp.reconnect-min=200ms", "--crosspost.xmpp.reconnect-max=2s",
                    "--crosspost.xmpp.reply-timeout=5s", "--crosspost.xmpp.room-check-interval=2s",
                    "--crosspost.xmpp.greeting=",
                    "--crosspost.outbox.lease=6s",
                    // three nodes beside the other tests' apps on one PostgreSQL (max_connections 100)
                    "--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.hikari.minimum-idle=1",
                    "--server.tomcat.threads.max=6",
                    "--camunda.bpm.job-execution.core-pool-size=2", "--camunda.bpm.job-execution.max-pool-size=2"));
            command.addAll(extra);
            var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("CROSSPOST_ADMIN_PASSWORD", ADMIN_PASSWORD);
            return new ClusterNode(name, builder.start(), log, port, db, chat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    Api api() {
        return Api.as(port, ADMIN, ADMIN_PASSWORD);
    }

    /** Whether the node answers and says it holds the bot (null: it does not answer). */
    Boolean leads() {
        try {
            var r = api().get("/api/channels/cluster");
            return r.status() == 200 ? "leader".equals(r.json().get("role").asText()) : null;
        } catch (RuntimeException | AssertionError e) {
            return null;
        }
    }

    /** Whether the node answers HTTP; fails the test at once when its process ended (see its log). */
    boolean answers() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " ended with exit code " + process.exitValue() + "; its log: " + log);
        }
        return leads() != null;
    }

    boolean alive() {
        return process.isAlive();
    }

    TcpProxy database() {
        return database;
    }

    TcpProxy chat() {
        return chat;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code kill -9}: no shutdown hook runs, the sockets are closed by the operating system. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (Spring's graceful shutdown), SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** {@code target/crosspost-*.jar}, built by {@code package} before the integration tests run. */
    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("crosspost-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/crosspost-*.jar: run ./mvnw package"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

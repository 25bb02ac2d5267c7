package dev.crosspost.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.crosspost.support.Api;
import dev.crosspost.support.CrosspostChild;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;
import dev.crosspost.support.XmppPerson;

/**
 * One Crosspost node as operators run it: the jar {@code mvn package} built, in its own JVM ({@link CrosspostChild}),
 * with its database and its chat server each reached through a loopback proxy of the test's, so the test can cut a
 * node's database connections and watch its chat sessions open and close. {@link #kill()} is {@code kill -9}.
 */
final class ClusterNode implements AutoCloseable {

    /**
     * Ends a cluster test: stops the nodes (together), the observer and Prosody (either may be {@code null}), then
     * cuts every node's database link.
     */
    static void stopAll(List<ClusterNode> nodes, XmppPerson observer, ProsodyServer prosody) {
        nodes.parallelStream().forEach(ClusterNode::close);
        if (observer != null) {
            observer.close();
        }
        if (prosody != null) {
            prosody.stop();
        }
        nodes.forEach(n -> n.database().cut());
    }


    static final String ADMIN = CrosspostChild.ADMIN;
    static final String ADMIN_PASSWORD = CrosspostChild.ADMIN_PASSWORD;

    private final String name;
    private final CrosspostChild child;
    private final int port;
    private final TcpProxy database;
    private final TcpProxy chat;

    private ClusterNode(String name, CrosspostChild child, int port, TcpProxy database, TcpProxy chat) {
        this.name = name;
        this.child = child;
        this.port = port;
        this.database = database;
        this.chat = chat;
    }

    /** Starts the node; it answers HTTP some seconds later ({@link #api}). */
    static ClusterNode start(String name, String database, TcpProxy db, TcpProxy chat, List<String> extra) {
        Path dir;
        try {
            dir = Files.createDirectories(Path.of("target", "cluster-it", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = CrosspostChild.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + db.port() + "/" + database,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
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
                // a steady stream of shouts from one member, not abuse: on PostgreSQL the member's limit is the
                // cluster's (20 a minute in a shoutbox), which the failover tests' streams go past
                "--crosspost.limits.enabled=false",
                // three nodes beside the other tests' apps on one PostgreSQL (max_connections 100)
                "--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.hikari.minimum-idle=1",
                "--server.tomcat.threads.max=6",
                "--camunda.bpm.job-execution.core-pool-size=2", "--camunda.bpm.job-execution.max-pool-size=2"));
        args.addAll(extra);
        var child = CrosspostChild.start(dir.toAbsolutePath(), port,
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
        return new ClusterNode(name, child, port, db, chat);
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
        child.ensureAlive();
        return leads() != null;
    }

    boolean alive() {
        return child.alive();
    }

    TcpProxy database() {
        return database;
    }

    TcpProxy chat() {
        return chat;
    }

    String log() {
        try {
            return Files.readString(child.log());
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code kill -9}: no shutdown hook runs, the sockets are closed by the operating system. */
    void kill() {
        child.kill();
    }

    /** SIGTERM (Spring's graceful shutdown), SIGKILL when it does not stop in time. */
    @Override
    public void close() {
        child.close();
    }
}

package dev.crosspost.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.support.ProsodyServer;

/**
 * Several Crosspost nodes as operators run them (docs/operations.md, "Several nodes"): the same jar, database, chat server and
 * settings, each in its own JVM on its own HTTP port with its own node name, one of them holding the chat bot
 * (PostgreSQL's advisory lock, {@code dev.crosspost.cluster}). Each connection pool is capped at
 * {@code --node-pool}: N times the shipped 40 would exceed a shared PostgreSQL's 100 connections.
 */
final class Nodes implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> names;
    private final List<CrosspostProcess> apps;

    private Nodes(List<String> names, List<CrosspostProcess> apps) {
        this.names = names;
        this.apps = apps;
    }

    /** What one node says about the cluster ({@code /api/channels/cluster}); role {@code ?}: it did not answer. */
    record View(String node, String role, String holder, long failovers) {
    }

    /** The settings every node gets on top of the single run's: its name and the pool cap. */
    static List<String> settings(String name, int pool) {
        return List.of("--crosspost.cluster.node-name=" + name, "--spring.datasource.hikari.maximum-pool-size=" + pool);
    }

    /**
     * Starts {@code o.nodes()} nodes: the first alone (it creates the schema, the processes and the admin on the fresh
     * database), then the others side by side; waits until every one is healthy. Logs in {@code dir/node-i/}.
     */
    static Nodes start(BenchOptions o, Path jar, Path dir, ProsodyServer prosody, HttpClient client)
            throws IOException {
        return start(o, i -> o, List.of(), jar, dir, prosody, client);
    }

    /**
     * As above, node {@code i} (from 0) with the options {@code perNode} gives it (the soak: its own proxy in front of
     * PostgreSQL) and {@code extra} settings besides.
     */
    static Nodes start(BenchOptions o, java.util.function.IntFunction<BenchOptions> perNode, List<String> extra,
                       Path jar, Path dir, ProsodyServer prosody, HttpClient client) throws IOException {
        var names = new ArrayList<String>();
        var apps = new ArrayList<CrosspostProcess>();
        var nodes = new Nodes(names, apps);
        try {
            for (int i = 1; i <= o.nodes(); i++) {
                String name = "node-" + i;
                Path home = Files.createDirectories(dir.resolve(name));
                names.add(name);
                var settings = new ArrayList<>(settings(name, o.nodePool()));
                settings.addAll(extra);
                apps.add(CrosspostProcess.launch(perNode.apply(i - 1), jar, home, o.database(), prosody, client,
                        settings));
                if (i == 1) {
                    apps.get(0).awaitHealthy();
                    Bench.log(name + " healthy (pid " + apps.get(0).pid() + "); starting the other nodes");
                }
            }
            for (int i = 1; i < apps.size(); i++) {
                apps.get(i).awaitHealthy();
                Bench.log(names.get(i) + " healthy (pid " + apps.get(i).pid() + ")");
            }
            return nodes;
        } catch (IOException | RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    int size() {
        return apps.size();
    }

    String name(int i) {
        return names.get(i);
    }

    CrosspostProcess app(int i) {
        return apps.get(i);
    }

    List<AdminHttp> admins() {
        return apps.stream().map(CrosspostProcess::admin).toList();
    }

    List<Long> pids() {
        return apps.stream().map(CrosspostProcess::pid).toList();
    }

    /** Every node's view of who holds the bot. */
    List<View> views() {
        var views = new ArrayList<View>();
        for (int i = 0; i < apps.size(); i++) {
            views.add(view(i));
        }
        return views;
    }

    private View view(int i) {
        try {
            var r = apps.get(i).admin().get("/api/channels/cluster");
            if (r.statusCode() == 200) {
                var j = JSON.readTree(r.body());
                return new View(names.get(i), j.path("role").asText("?"),
                        j.path("botHolder").isNull() ? null : j.path("botHolder").asText(null),
                        j.path("failovers").asLong(0));
            }
        } catch (IOException | RuntimeException e) {
            // does not answer: "?"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new View(names.get(i), "?", null, 0);
    }

    /** The index of the node that says it holds the bot, or -1 when none (or more than one) says so. */
    static int leader(List<View> views) {
        int found = -1;
        for (int i = 0; i < views.size(); i++) {
            if ("leader".equals(views.get(i).role())) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** The name of the node holding the bot in {@code views}, or a sentence saying that none or several did. */
    static String leaderName(List<View> views) {
        int i = leader(views);
        if (i >= 0) {
            return views.get(i).node();
        }
        long leaders = views.stream().filter(v -> "leader".equals(v.role())).count();
        return leaders == 0 ? "none" : leaders + " nodes say leader";
    }

    /** Waits until one node holds the bot and its chat session is up (connected, rooms joined); returns its index. */
    int awaitBot(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int leader = leader(views());
            if (leader >= 0 && apps.get(leader).xmppUp()) {
                return leader;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no node holds the bot with its session up after " + timeout
                        + "; views " + views() + "; see the logs in " + apps.get(0).log().getParent().getParent());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
        }
    }

    /** Stops every node at once (SIGTERM each, SIGKILL after 30 s). */
    @Override
    public void close() {
        apps.parallelStream().forEach(CrosspostProcess::close);
    }
}

package dev.crosspost.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A model, not a measurement: what N nodes would deliver if each had cores of its own, from the CPU each role used
 * per message in one measured rate. Linear in the rate: a part's CPU is what it uses idle plus a cost per message,
 * and it delivers at most what fills its cores.
 * <ul>
 *   <li>every node accepts 1/N of the shouts (HTTP, login, the flow, its commit): {@code accept} CPU-seconds each,
 *       from the standby nodes (they do nothing else);</li>
 *   <li>the node holding the bot also says every line in the room: {@code send} per line, what the leader used beyond
 *       its own accepts;</li>
 *   <li>PostgreSQL: {@code database} per message (the run's backends and the server's background processes), and the
 *       commits per message against pgbench's commit rate (8 clients, same run);</li>
 *   <li>Prosody: {@code chat} per message.</li>
 * </ul>
 * With {@code C} cores per node, {@code D} for the database and the chat server on a host of its own, at a rate X:
 * leader {@code idle + accept·X/N + send·X ≤ C}; each other node {@code idle + accept·X/N ≤ C}; database
 * {@code idle + database·X ≤ D} and {@code commits·X ≤ pgbench}; chat server {@code idle + chat·X ≤ 1} (Prosody
 * runs one Lua thread: more cores do not help it). The smallest
 * bound is the prediction and names the limit. Not modelled: the network between hosts (latency, not CPU), locks
 * and row contention in the database, the work each node does for every shout of the others (the live-shout
 * NOTIFY reaches every node), and that CPU per message measured on a crowded machine is not what it is on an idle one.
 */
final class NodesModel {

    /** Node counts the report predicts for, besides the one measured. */
    static final List<Integer> COUNTS = List.of(1, 2, 3, 4, 6, 8, 12, 16);

    /** Cores the chat server can use, however many its host has: Prosody runs one Lua thread. */
    static final double CHAT_CORES = 1;

    private NodesModel() {
    }

    /**
     * Costs per message in CPU-seconds, idle costs in cores, from {@code phase} at {@code rate}/s with {@code
     * measuredNodes} nodes; {@code commits} per message; {@code pgbench}: commits/s with 8 clients (0: not measured);
     * {@code harness}: the harness's own CPU per message (only for the check on this machine).
     */
    record Costs(String phase, double rate, int measuredNodes, double accept, double send, double database,
                 double chat, double harness, double idleLeader, double idleStandby, double idleDatabase,
                 double idleChat, double commits, double pgbench) {
    }

    /** Messages/s each part allows with {@code nodes} nodes (-1: no bound), the prediction and what limits it. */
    record Point(int nodes, double leader, double eachOther, double databaseCpu, double databaseCommits, double chat,
                 double throughput, String limit) {
    }

    /**
     * The model's inputs and answers: {@code points} for each node count with {@code coresPerNode} each and
     * {@code databaseCores} for the database; {@code leaderCeiling}: the most the one node holding the bot allows
     * however many nodes accept ({@code (C − idle) / send}); {@code databaseCeiling}: the database's bound;
     * {@code databaseLimitFrom}: the smallest node count at which the database is the limit (0: not up to the
     * largest count); {@code thisMachine}: the same arithmetic with everything on this machine's cores minus what
     * the neighbours used, to set beside what the run measured ({@code measured} delivered/s of that rate).
     */
    record Result(Costs costs, double coresPerNode, double databaseCores, List<Point> points, double leaderCeiling,
                  double databaseCeiling, int databaseLimitFrom, double thisMachine, double measured, String basis) {
    }

    /**
     * The costs of one rate of a run: {@code cpu} over the rate's window, {@code idle} with nothing sent, the leader's
     * index, the shouts each node accepted and the lines heard. {@code null} when they cannot be told apart (one node,
     * nothing accepted by the other nodes, or their CPU was not read).
     */
    static Costs costs(String phase, double rate, CpuWindow.Use cpu, CpuWindow.Use idle, int leader,
                       List<Long> acceptedByNode, long delivered, double pgbench) {
        int n = cpu.nodes().size();
        if (n < 2 || leader < 0 || delivered <= 0 || cpu.seconds() <= 0) {
            return null;
        }
        double w = cpu.seconds();
        double standbyCpu = 0, idleStandby = 0;
        long standbyAccepted = 0;
        for (int i = 0; i < n; i++) {
            if (i == leader) {
                continue;
            }
            if (cpu.nodes().get(i) < 0 || idle.nodes().get(i) < 0) {
                return null;
            }
            standbyCpu += marginal(cpu.nodes().get(i), idle.nodes().get(i), w);
            idleStandby += idle.nodes().get(i);
            standbyAccepted += acceptedByNode.get(i);
        }
        if (standbyAccepted <= 0 || cpu.nodes().get(leader) < 0 || idle.nodes().get(leader) < 0) {
            return null;
        }
        double accept = standbyCpu / standbyAccepted;
        double leaderCpu = marginal(cpu.nodes().get(leader), idle.nodes().get(leader), w);
        double send = Math.max(0, (leaderCpu - accept * acceptedByNode.get(leader)) / delivered);
        double db = positive(cpu.database()) + positive(cpu.server());
        double idleDb = positive(idle.database()) + positive(idle.server());
        return new Costs(phase, rate, n, accept, send, marginal(db, idleDb, w) / delivered,
                marginal(positive(cpu.prosody()), positive(idle.prosody()), w) / delivered,
                marginal(positive(cpu.harness()), positive(idle.harness()), w) / delivered,
                idle.nodes().get(leader), idleStandby / (n - 1), idleDb, positive(idle.prosody()),
                cpu.commits() < 0 ? -1 : (double) cpu.commits() / delivered, pgbench);
    }

    /** CPU-seconds over a window of {@code seconds} beyond what the part uses idle (never below zero). */
    static double marginal(double cores, double idleCores, double seconds) {
        return Math.max(0, (cores - idleCores) * seconds);
    }

    private static double positive(double v) {
        return Math.max(0, v);
    }

    /** The bounds and the prediction for {@code n} nodes with {@code c} cores each and {@code d} for the database. */
    static Point predict(Costs k, int n, double c, double d) {
        double leader = bound(c - k.idleLeader(), k.accept() / n + k.send());
        double eachOther = n < 2 ? -1 : bound(c - k.idleStandby(), k.accept() / n);
        double dbCpu = bound(d - k.idleDatabase(), k.database());
        double dbCommits = k.commits() > 0 && k.pgbench() > 0 ? k.pgbench() / k.commits() : -1;
        double chat = bound(Math.min(c, CHAT_CORES) - k.idleChat(), k.chat());
        double x = Double.MAX_VALUE;
        String limit = "none";
        double[] bounds = {leader, eachOther, dbCpu, dbCommits, chat};
        String[] names = {"the node holding the bot", "each other node", "the database's CPU", "the database's commits",
                "the chat server"};
        for (int i = 0; i < bounds.length; i++) {
            if (bounds[i] >= 0 && bounds[i] < x) {
                x = bounds[i];
                limit = names[i];
            }
        }
        return new Point(n, leader, eachOther, dbCpu, dbCommits, chat, x == Double.MAX_VALUE ? -1 : x, limit);
    }

    /** {@code capacity / cost}, or -1 when the cost is nil (no bound from this part). */
    static double bound(double capacity, double cost) {
        return cost <= 0 ? -1 : Math.max(0, capacity) / cost;
    }

    static Result model(Costs k, double coresPerNode, double databaseCores, int machineCores, double neighbours,
                        double measured, String basis) {
        var points = new ArrayList<Point>();
        var counts = new ArrayList<>(COUNTS);
        if (!counts.contains(k.measuredNodes())) {
            counts.add(k.measuredNodes());
            counts.sort(Integer::compare);
        }
        int databaseFrom = 0;
        for (int n : counts) {
            var p = predict(k, n, coresPerNode, databaseCores);
            points.add(p);
            if (databaseFrom == 0 && p.limit().startsWith("the database")) {
                databaseFrom = n;
            }
        }
        double leaderCeiling = bound(coresPerNode - k.idleLeader(), k.send());
        var db = predict(k, 1, coresPerNode, databaseCores);
        double databaseCeiling = min(db.databaseCpu(), db.databaseCommits());
        return new Result(k, coresPerNode, databaseCores, points, leaderCeiling, databaseCeiling, databaseFrom,
                shared(k, machineCores, neighbours), measured, basis);
    }

    /**
     * This machine, as the run had it: every part on {@code cores} cores, less what the neighbours used; each node
     * idles, and every message costs accept + send + database + chat + the harness's own work.
     */
    static double shared(Costs k, int cores, double neighbours) {
        double idle = k.idleLeader() + k.idleStandby() * (k.measuredNodes() - 1) + k.idleDatabase() + k.idleChat();
        return bound(cores - Math.max(0, neighbours) - idle, k.accept() + k.send() + k.database() + k.chat()
                + k.harness());
    }

    private static double min(double a, double b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}

package dev.crosspost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code nodes.json} and the Markdown of {@code nodes.md} (also printed) of a run with several nodes. */
final class NodesReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NodesReport() {
    }

    static void write(NodesResults results, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("nodes.json"), JSON.writeValueAsString(results) + "\n");
        Files.writeString(dir.resolve("nodes.md"), markdown(results));
    }

    static String markdown(NodesResults r) {
        var md = new StringBuilder();
        var m = r.meta();
        md.append("# Crosspost benchmark, ").append(m.nodes()).append(" nodes: ").append(m.run()).append("\n\n")
                .append("- ").append(m.startedAt()).append(" → ").append(m.finishedAt()).append("\n")
                .append("- machine: ").append(m.machine()).append("; ").append(m.java()).append("; PostgreSQL ")
                .append(m.postgres()).append("\n")
                .append("- crosspost: ").append(m.crosspost()).append("; each node: ").append(m.settings()).append("\n")
                .append("- nodes: ");
        r.nodes().forEach(n -> md.append(n.name()).append(" (pid ").append(n.pid()).append(", ").append(n.roleAtStart())
                .append(") "));
        md.append("\n- command: `").append(m.command()).append("`\n\n");
        md.append("**Read this first.** The ").append(m.nodes()).append(" nodes, PostgreSQL, Prosody and the harness all")
                .append(" share this machine's ").append(m.cores()).append(" cores (and so do whatever else runs on it:")
                .append(" see the load figures and _others_ below). Here, ").append(m.nodes()).append(" nodes cannot be")
                .append(" faster than one: each more JVM costs cores and memory, and the work is the same. What this run")
                .append(" shows is that cost. What the nodes would give on cores of their own is a **model** (the last")
                .append(" section), computed from the CPU each part used per message here.\n\n");
        rates(r, md);
        byNode(r, md);
        cpu(r, md);
        model(r, md);
        baselines(r, md);
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    private static void rates(NodesResults r, StringBuilder md) {
        md.append("## Shout → team room, round robin (shout i to node i mod ").append(r.meta().nodes()).append(")\n\n")
                .append("| rate/s | sustained | sent | accepted | failed | delivered | lost | dup | out of order "
                        + "| delivered/s | p50 ms | p99 ms | max ms | HTTP p50/p99 ms | bot held by | load average |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (var rate : r.rates()) {
            var t = rate.tally();
            var d = t.delivery();
            md.append(Report.row(Report.num(rate.rate()), rate.keptUp() ? "yes" : "**no**", t.sent(), t.accepted(),
                    t.failed(), t.delivered(),
                    t.lost() + (rate.heardLate() > 0 ? " (" + rate.heardLate() + " heard later)" : ""), t.duplicated(),
                    t.outOfOrder(), Report.num(rate.deliveredPerSecond()), Report.ms(d.p50()), Report.ms(d.p99()),
                    Report.ms(d.max()), Report.ms(t.answer().p50()) + " / " + Report.ms(t.answer().p99()),
                    rate.leaderBefore().equals(rate.leaderAfter()) && rate.failovers() == 0 ? rate.leaderBefore()
                            : rate.leaderBefore() + " → " + rate.leaderAfter() + " (" + rate.failovers() + " failovers)",
                    rate.loadAverage()));
        }
        var best = r.rates().stream().filter(NodesResults.Rate::keptUp).mapToDouble(NodesResults.Rate::rate).max();
        md.append("\nSustained rate: ").append(best.isPresent() ? Report.num(best.getAsDouble()) + "/s" : "none of the rates")
                .append(". The columns mean what they mean in `results.md` (src/bench/README.md, \"The figures\"):")
                .append(" latency from the moment a call was due to the line heard in the room; _sustained_: every call")
                .append(" accepted, every line heard once, the backlog drained, lines heard at ≥ 95 % of the rate sent.\n\n");
    }

    private static void byNode(NodesResults r, StringBuilder md) {
        md.append("## Latency by the node that accepted the shout\n\n")
                .append("Only the node holding the bot says lines in the room. A shout accepted by another node waits")
                .append(" in the outbox until the holder claims it (it looks every `crosspost.outbox.poll-interval`, 1 s),")
                .append(" and the holder asks the room's archive whether such a line arrived before saying it, one line")
                .append(" at a time. The holder says its own shouts at once, unless an older line for the room is still")
                .append(" waiting (lines leave in the order they were accepted).\n\n")
                .append("| rate/s | node | role | accepted | delivered | p50 ms | p99 ms | HTTP p50 ms |\n")
                .append("|---:|---|---|---:|---:|---:|---:|---:|\n");
        for (var rate : r.rates()) {
            for (int i = 0; i < rate.byNode().size(); i++) {
                var t = rate.byNode().get(i);
                md.append(Report.row(Report.num(rate.rate()), r.nodes().get(i).name(), role(rate, i), t.accepted(),
                        t.delivered(), Report.ms(t.delivery().p50()), Report.ms(t.delivery().p99()),
                        Report.ms(t.answer().p50())));
            }
        }
        md.append("\n");
    }

    private static String role(NodesResults.Rate rate, int i) {
        if (!rate.oneLeader()) {
            return "changed";
        }
        return rate.leaderIndex() == i ? "holds the bot" : "other";
    }

    private static void cpu(NodesResults r, StringBuilder md) {
        md.append("## Who used the cores (from the first shout of a rate to its last line heard)\n\n")
                .append("Cores used (1.00 = one core busy the whole time), from each process's CPU time")
                .append(" (`/proc/<pid>/stat`, user + system) at the start and the end. _database_: the backends of the")
                .append(" run's database (every node's connections); _PG server_: PostgreSQL's background processes")
                .append(" (WAL writer, checkpointer, …), which also work for the other databases of a shared server;")
                .append(" _machine_: all of it (`/proc/stat`); _others_: the machine less everything listed, i.e. the")
                .append(" neighbours.\n\n");
        md.append("| rate/s | window s |");
        r.nodes().forEach(n -> md.append(' ').append(n.name()).append(" |"));
        md.append(" nodes together | database | PG server | Prosody | harness | machine | others | commits per line |\n|---:|---:|");
        r.nodes().forEach(n -> md.append("---:|"));
        md.append("---:|---:|---:|---:|---:|---:|---:|---:|\n");
        cpuRow(md, "idle", r.idle().cpu(), -1, -1);
        for (var rate : r.rates()) {
            cpuRow(md, Report.num(rate.rate()), rate.cpu(), rate.oneLeader() ? rate.leaderIndex() : -1,
                    rate.tally().delivered());
        }
        md.append("\nThe node holding the bot is marked *. Connection pools while each rate was sent (sampled every second;")
                .append(" max in use / most threads waiting for a connection) and memory after its drain:\n\n")
                .append("| rate/s |");
        r.nodes().forEach(n -> md.append(' ').append(n.name()).append(" pool in use / waiting | RSS MB |"));
        md.append("\n|---:|");
        r.nodes().forEach(n -> md.append("---:|---:|"));
        md.append("\n");
        for (var rate : r.rates()) {
            md.append("| ").append(Report.num(rate.rate())).append(" |");
            for (int i = 0; i < r.nodes().size(); i++) {
                var l = rate.limits().get(i);
                boolean sampled = l != null && l.samples() > 0;
                md.append(' ').append(sampled ? Report.num(l.maxActive()) + " / " + Report.num(l.maxPending()) : "n/a")
                        .append(" | ").append(Report.num(rate.rssMb().get(i))).append(" |");
            }
            md.append("\n");
        }
        md.append("\n");
    }

    private static void cpuRow(StringBuilder md, String label, CpuWindow.Use u, int leader, long delivered) {
        md.append("| ").append(label).append(" | ").append(Report.num(u.seconds())).append(" |");
        for (int i = 0; i < u.nodes().size(); i++) {
            md.append(' ').append(cores(u.nodes().get(i))).append(i == leader ? "*" : "").append(" |");
        }
        md.append(Report.row(cores(u.nodesTotal()), cores(u.database()), cores(u.server()), cores(u.prosody()),
                cores(u.harness()), cores(u.machine()), cores(u.others()),
                delivered > 0 && u.commits() >= 0 ? String.format(Locale.ROOT, "%.1f", (double) u.commits() / delivered)
                        : "n/a").substring(1));
    }

    private static void model(NodesResults r, StringBuilder md) {
        md.append("## A model: the same nodes on cores of their own\n\n");
        var x = r.model();
        if (x == null) {
            md.append("_No model for this run: see the notes._\n\n");
            return;
        }
        var k = x.costs();
        md.append("**This is arithmetic on the figures above, not a measurement.** Each part's CPU is taken as what it")
                .append(" uses idle plus a fixed cost per message, measured at ").append(x.basis()).append(" with ")
                .append(k.measuredNodes()).append(" nodes (the idle row above, and that rate's row less it, divided by")
                .append(" the shouts each node accepted and the lines heard). Every node accepts 1/N of the shouts; the")
                .append(" node holding the bot also says every line in the room. A part delivers at most what fills its")
                .append(" cores; the smallest of those bounds is the prediction.\n\n")
                .append("| cost, measured here | CPU per message | idle |\n|---|---:|---:|\n")
                .append(Report.row("accepting a shout (HTTP, the flow, its commit; from the nodes not holding the bot)",
                        ms(k.accept()), cores(k.idleStandby()) + " per node"))
                .append(Report.row("saying a line in the room (the holder's CPU beyond its own accepts)", ms(k.send()),
                        cores(k.idleLeader())))
                .append(Report.row("PostgreSQL (the database's backends and the server's background processes)",
                        ms(k.database()), cores(k.idleDatabase())))
                .append(Report.row("PostgreSQL commits per message; pgbench commits/s, 8 clients, this run",
                        k.commits() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", k.commits()),
                        k.pgbench() > 0 ? Report.num(k.pgbench()) + "/s" : "n/a"))
                .append(Report.row("Prosody (the tests' configuration: `internal` file storage, the room archive on)",
                        ms(k.chat()), cores(k.idleChat())))
                .append("\nAssumed: each node on ").append(Report.num(x.coresPerNode())).append(" cores of its own (like")
                .append(" this machine), PostgreSQL on ").append(Report.num(x.databaseCores())).append(" of its own, Prosody")
                .append(" on a host of its own, where it uses ").append(Report.num(NodesModel.CHAT_CORES))
                .append(" core (it runs one Lua thread); messages/s each allows:\n\n")
                .append("| nodes | the node holding the bot | each other node | database CPU | database commits "
                        + "| chat server | **predicted** | limited by |\n|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (var p : x.points()) {
            md.append(Report.row(p.nodes() == k.measuredNodes() ? "**" + p.nodes() + "**" : p.nodes(), rate(p.leader()),
                    rate(p.eachOther()), rate(p.databaseCpu()), rate(p.databaseCommits()), rate(p.chat()),
                    "**" + rate(p.throughput()) + "**", p.limit()));
        }
        md.append("\n- **The node holding the bot** says every line, so however many nodes accept, it allows at most ")
                .append(rate(x.leaderCeiling())).append(" lines/s (its cores less idle, over the cost of a line).\n")
                .append("- **The database** allows ").append(rate(x.databaseCeiling())).append(" messages/s on its ")
                .append(Report.num(x.databaseCores())).append(" cores; ")
                .append(x.databaseLimitFrom() > 0 ? "it becomes the limit from **" + x.databaseLimitFrom() + " nodes** on."
                        : "up to " + last(x).nodes() + " nodes it is not the limit (at " + last(x).nodes() + ": "
                        + last(x).limit() + ").")
                .append("\n- **Check on this machine:** the same arithmetic with every part on these ")
                .append(r.meta().cores()).append(" cores, less what the neighbours used in that rate, gives ")
                .append(rate(x.thisMachine())).append(" messages/s; the run delivered ").append(rate(x.measured()))
                .append("/s at that rate").append(checkVerdict(x)).append("\n")
                .append("- Not in the model: whatever a line waits for that is not CPU. The holder takes the rows other")
                .append(" nodes wrote on its poll, and asks the room's archive whether each of them arrived before")
                .append(" saying it, one at a time (as after a takeover); the latency by node above shows what that")
                .append(" costs. Nor the network between hosts (latency, not CPU), locks and row contention in the")
                .append(" database, the work every node does for every shout of the others (the live shouts' NOTIFY")
                .append(" reaches each node), or that CPU per message on a crowded machine (caches, context switches, a")
                .append(" JIT sharing the cores) is not what it is on an idle one.\n\n");
    }

    private static NodesModel.Point last(NodesModel.Result x) {
        return x.points().get(x.points().size() - 1);
    }

    /** Whether the run's own figure bears the model out, or shows a limit other than CPU. */
    static String checkVerdict(NodesModel.Result x) {
        if (x.thisMachine() <= 0 || x.measured() <= 0) {
            return ".";
        }
        if (x.measured() < 0.8 * x.thisMachine()) {
            return ": less than its cores allowed, so something other than CPU held it back (see the latency by node).";
        }
        return x.measured() > 1.2 * x.thisMachine()
                ? ": more than the model allows, so the model overstates the costs."
                : ": close (a rate below saturation delivers what it is sent, so only a saturated rate confirms it).";
    }

    private static void baselines(NodesResults r, StringBuilder md) {
        md.append("## Baselines (same machine, same run, before the nodes started)\n\n| baseline | figure |\n|---|---:|\n");
        var pg = r.pgbench();
        if (pg != null) {
            pg.points().forEach(p -> md.append(Report.row("PostgreSQL single-row INSERT commits/s, " + p.clients()
                    + " client" + (p.clients() == 1 ? "" : "s"), Report.num(p.commitsPerSecond()))));
            if (pg.points().isEmpty()) {
                md.append(Report.row("PostgreSQL (pgbench)", pg.note()));
            }
        }
        for (var c : r.camunda()) {
            md.append(Report.row("Camunda alone, the shoutbox-team flow with no-op tasks, " + c.variant()
                    + ": flows finished/s", Report.num(c.flowsPerSecond())));
        }
        md.append("\n");
    }

    private static String cores(double v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ms(double seconds) {
        return seconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", seconds * 1000);
    }

    private static String rate(double v) {
        return v < 0 ? "—" : Report.num(v);
    }
}

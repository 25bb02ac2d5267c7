package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.crosspost.support.CrosspostChild;

/**
 * {@code --nodes N}: N Crosspost nodes on one database and one Prosody, shouts round robin over them, the cores each
 * part used, and a model of the same nodes on cores of their own ({@link NodesModel}). On a machine whose cores all
 * of them share, N nodes cannot be faster than one: the run shows the cost, the model what the design allows.
 * Results: {@code nodes.json} and {@code nodes.md} in {@code --out} (the single-node run's results stay untouched).
 */
final class NodesRun {

    /** Seconds of the idle reading (after the warm-up). */
    private static final double IDLE_SECONDS = 10;

    private NodesRun() {
    }

    static NodesResults run(BenchOptions o, String args) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String started = Instant.now().toString();
        List<String> notes = new ArrayList<>();
        notes.add("before the run (nothing of the benchmark running): " + Machine.busyNow());
        Path dir = Bench.fresh(Path.of("target", "bench-run").toAbsolutePath());
        Path jar = CrosspostChild.jar();
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Duration drain = Duration.ofMillis((long) (o.drainSeconds() * 1000));
        String postgres = Database.version(o);
        int cores = Runtime.getRuntime().availableProcessors();
        Bench.log("database " + o.database() + " (fresh), " + o.nodes() + " nodes, work dir " + dir);
        Database.recreate(o);
        try (var prosody = BenchProsody.start()) {
            Bench.log("pgbench baseline");
            var pgbench = PgBench.run(o, dir);
            var camunda = o.camundaSeconds() > 0 ? CamundaBaseline.run(o) : List.<CamundaBaseline.Result>of();
            Bench.log("starting " + o.nodes() + " nodes of " + jar);
            try (var nodes = Nodes.start(o, jar, dir, prosody, client)) {
                int leader = nodes.awaitBot(Duration.ofSeconds(180));
                Bench.log("bot held by " + nodes.name(leader));
                var views = nodes.views();
                var described = new ArrayList<NodesResults.Node>();
                for (int i = 0; i < nodes.size(); i++) {
                    described.add(new NodesResults.Node(nodes.name(i), nodes.app(i).pid(),
                            nodes.app(i).admin().base().toString(), views.get(i).role()));
                }
                var room = new Ledgers(run);
                try (var outbox = OutboxBacklog.open(o);
                     var database = DatabaseCpu.open(o);
                     var ears = RoomClient.join(prosody.port(), BenchProsody.LISTENER, BenchProsody.TEAM_ROOM,
                             "bench-ears", room::heard)) {
                    var load = new NodesLoad(o, client, nodes, outbox, database, prosody, room, drain, notes);
                    load.warmUp();
                    var idle = load.idle(o.quick() ? 3 : IDLE_SECONDS);
                    var rates = load.run();
                    notes.add("at the end of the run (nodes, PostgreSQL, Prosody still up, idle): load average "
                            + Machine.loadAverage());
                    var model = model(rates, idle, pgbench, cores, notes);
                    var meta = new NodesResults.Meta(run, started, Instant.now().toString(), Machine.describe(), cores,
                            Machine.java(), postgres, jar.getFileName() + " (" + Machine.gitCommit() + ")",
                            o.crosspostHeap() + " each, profile postgres, the shipped configuration plus "
                                    + String.join(" ", Nodes.settings("node-<i>", o.nodePool()))
                                    + " (minimum idle " + CrosspostProcess.MIN_IDLE + ")",
                            o.nodes(), "./mvnw -B -Pbench verify -Dbench.args=\"" + args + "\"");
                    return new NodesResults(meta, pgbench, camunda, described, new NodesResults.Idle(idle), rates,
                            model, notes);
                }
            }
        } finally {
            if (!o.keepDatabase()) {
                try {
                    Database.drop(o);
                } catch (java.sql.SQLException e) {
                    Bench.log("could not drop database " + o.database() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The model from the rate whose costs are the clearest: the highest rate sustained with one node holding the bot
     * throughout; failing that, the rate with the most lines delivered per second with one holder throughout.
     */
    static NodesModel.Result model(List<NodesResults.Rate> rates, CpuWindow.Use idle, PgBench.Result pgbench,
                                   int cores, List<String> notes) {
        var usable = rates.stream().filter(NodesResults.Rate::oneLeader).toList();
        var basis = usable.stream().filter(NodesResults.Rate::keptUp).reduce((a, b) -> b.rate() > a.rate() ? b : a)
                .or(() -> usable.stream().reduce((a, b) -> b.deliveredPerSecond() > a.deliveredPerSecond() ? b : a));
        if (basis.isEmpty()) {
            notes.add("no model: no rate had one node holding the bot throughout");
            return null;
        }
        var r = basis.get();
        var accepted = r.byNode().stream().map(Ledger.Tally::accepted).toList();
        double pg8 = pgbench == null ? 0 : pgbench.points().stream().filter(p -> p.clients() == 8)
                .mapToDouble(PgBench.Point::commitsPerSecond).findFirst().orElse(0);
        var costs = NodesModel.costs(r.tally().phase(), r.rate(), r.cpu(), idle, r.leaderIndex(), accepted,
                r.tally().delivered(), pg8);
        if (costs == null) {
            notes.add("no model: the roles' CPU could not be told apart at " + Report.num(r.rate()) + "/s");
            return null;
        }
        String why = r.keptUp() ? "the highest rate sustained" : "no rate was sustained: the rate with the most lines"
                + " delivered per second";
        return NodesModel.model(costs, cores, cores, cores, r.cpu().others(), r.deliveredPerSecond(),
                Report.num(r.rate()) + "/s (" + why + ")");
    }
}

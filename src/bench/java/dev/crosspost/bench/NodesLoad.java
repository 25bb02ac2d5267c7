package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.crosspost.support.ProsodyServer;

/**
 * The shout rates against several nodes, round robin: warm-up, the idle cost, then each rate with its drain, and
 * around each rate who used the cores ({@link CpuWindow}) and which node held the bot.
 */
final class NodesLoad {

    private final BenchOptions o;
    private final Nodes nodes;
    private final OutboxBacklog outbox;
    private final DatabaseCpu database;
    private final ProsodyServer prosody;
    private final Ledgers room;
    private final Duration drain;
    private final List<String> notes;
    private final ShoutPoster poster;
    private final long idleJobs;

    NodesLoad(BenchOptions o, HttpClient client, Nodes nodes, OutboxBacklog outbox, DatabaseCpu database,
              ProsodyServer prosody, Ledgers room, Duration drain, List<String> notes) {
        this.o = o;
        this.nodes = nodes;
        this.outbox = outbox;
        this.database = database;
        this.prosody = prosody;
        this.room = room;
        this.drain = drain;
        this.notes = notes;
        this.poster = new ShoutPoster(client, nodes.admins(), "team");
        this.idleJobs = Math.max(0, nodes.app(0).admin().jobCount());
    }

    /** The warm-up (not reported), round robin like the rates. */
    void warmUp() {
        if (o.warmupRate() > 0 && o.warmupSeconds() > 0) {
            Bench.log("warm-up " + o.warmupRate() + "/s for " + o.warmupSeconds() + " s, round robin (not reported)");
            var ledger = room.open("warm");
            poster.post(room, ledger, o.warmupRate(), OpenLoop.count(o.warmupRate(), o.warmupSeconds()));
            poster.awaitAnswers(Duration.ofSeconds(120));
            Drain.await(ledger, drain);
            settle();
        }
    }

    /** The cores each part uses with nothing sent, over {@code seconds}. */
    CpuWindow.Use idle(double seconds) {
        Bench.log(String.format("idle for %.0f s: what running the nodes costs with nothing sent", seconds));
        var before = snapshot();
        LockSupport.parkNanos((long) (seconds * 1e9));
        return CpuWindow.between(before, snapshot(), Runtime.getRuntime().availableProcessors());
    }

    List<NodesResults.Rate> run() {
        var rows = new ArrayList<NodesResults.Rate>();
        for (int i = 0; i < o.rates().size(); i++) {
            double rate = o.rates().get(i);
            var row = rate("r" + i, rate);
            rows.add(row);
            if (o.stopOnLoss() && !row.keptUp() && i + 1 < o.rates().size()) {
                var t = row.tally();
                notes.add(String.format("stopped after %.0f/s, which the %d nodes did not sustain (%d calls failed, %d"
                        + " accepted shouts not heard within the %.0f s drain, %d heard twice, delivered %s/s); higher"
                        + " rates would only measure the backlog (--no-stop-on-loss runs them anyway)", rate,
                        nodes.size(), t.failed(), t.lost(), o.drainSeconds(), t.duplicated(),
                        Report.num(row.deliveredPerSecond())));
                break;
            }
        }
        return rows;
    }

    private NodesResults.Rate rate(String name, double rate) {
        String load = Machine.loadAverage().split(" ")[0];
        var viewsBefore = nodes.views();
        long failoversBefore = failovers(viewsBefore);
        Bench.log(String.format("rate %.0f/s for %.0f s over %d nodes (load average %s, bot held by %s)", rate,
                o.seconds(), nodes.size(), load, Nodes.leaderName(viewsBefore)));
        Ledger ledger = room.open(name);
        long skippedBefore = poster.skipped();
        var samplers = nodes.admins().stream().map(Sampler::new).toList();
        var cpuBefore = snapshot();
        poster.post(room, ledger, rate, OpenLoop.count(rate, o.seconds()));
        var limits = samplers.stream().map(Sampler::stop).toList();
        long pendingAtEnd = outbox.pending();
        poster.settle(name, skippedBefore, notes);
        boolean drained = Drain.await(ledger, drain);
        var cpu = CpuWindow.between(cpuBefore, snapshot(), Runtime.getRuntime().availableProcessors());
        var viewsAfter = nodes.views();
        var rss = new ArrayList<Double>();
        for (int i = 0; i < nodes.size(); i++) {
            rss.add(nodes.app(i).rssMb());
        }
        var t = ledger.tally();
        var byNode = new ArrayList<Ledger.Tally>();
        for (int i = 0; i < nodes.size(); i++) {
            int node = i;
            byNode.add(ledger.tally(seq -> RoundRobin.index(seq, nodes.size()) == node));
        }
        boolean settled = settle();
        long late = t.lost() - ledger.missing();
        double delivered = t.deliveredPerSecond();
        boolean keptUp = settled && Load.keptUp(t, drained, delivered);
        int before = Nodes.leader(viewsBefore), after = Nodes.leader(viewsAfter);
        Bench.log(String.format("  sent %d accepted %d delivered %d lost %d dup %d, %.1f/s, p50 %.1f ms p99 %.1f ms;"
                + " cores: nodes %s, database %.2f + server %.2f, prosody %.2f, harness %.2f, machine %.2f, others %.2f;"
                + " bot held by %s", t.sent(), t.accepted(), t.delivered(), t.lost(), t.duplicated(), delivered,
                t.delivery().p50(), t.delivery().p99(), cpu.nodes(), cpu.database(), cpu.server(), cpu.prosody(),
                cpu.harness(), cpu.machine(), cpu.others(), Nodes.leaderName(viewsAfter)));
        if (!settled) {
            notes.add(String.format("after %.0f/s the backlog (outbox %d) did not shrink back within the %.0f s drain",
                    rate, outbox.pending(), o.drainSeconds()));
        }
        return new NodesResults.Rate(rate, t, byNode, t.offeredPerSecond(), delivered, drained, late, keptUp, load,
                Nodes.leaderName(viewsBefore), Nodes.leaderName(viewsAfter), before == after ? after : -1,
                failovers(viewsAfter) - failoversBefore, cpu, limits, rss, pendingAtEnd, outbox.pending());
    }

    private static long failovers(List<Nodes.View> views) {
        return views.stream().mapToLong(Nodes.View::failovers).sum();
    }

    private CpuWindow.Snapshot snapshot() {
        return CpuWindow.take(nodes.pids(), database, prosody.pid());
    }

    /** Until Camunda's job count is back to idle and the outbox has no pending row, at most the drain timeout. */
    boolean settle() {
        long deadline = System.nanoTime() + drain.toNanos();
        while (true) {
            long jobs = nodes.app(0).admin().jobCount();
            if (jobs >= 0 && jobs <= idleJobs && outbox.pending() <= 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(500_000_000L);
        }
    }
}

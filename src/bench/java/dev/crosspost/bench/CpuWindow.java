package dev.crosspost.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Who used the machine's cores over one phase: each Crosspost node, PostgreSQL (the run's database's backends, and
 * the server's background processes), Prosody, the harness itself, the whole machine ({@code /proc/stat}) and,
 * as the difference, everything else on it (the neighbours of a shared machine). Read at the start and the end.
 */
final class CpuWindow {

    private CpuWindow() {
    }

    /** The readings at one moment: ticks per process, the database's, the machine's {busy, total} jiffies. */
    record Snapshot(long nanos, List<Long> nodes, DatabaseCpu.Reading database, long prosody, long harness,
                    long[] machine) {
    }

    /**
     * Cores used over the window ({@code seconds} of wall time); -1 where a reading was missing. {@code database}:
     * the run's database's backends, {@code server}: PostgreSQL's background processes; {@code others}: the machine
     * minus everything the run started (and PostgreSQL's part for it); {@code commits}: the database's commits in the
     * window (approximate: PostgreSQL reports them to its statistics up to a few seconds late); {@code databaseGone}:
     * backends that ended within the window (their last stretch not counted).
     */
    record Use(double seconds, List<Double> nodes, double database, double server, double prosody, double harness,
               double machine, double others, long commits, int databaseGone) {

        double nodesTotal() {
            return nodes.stream().mapToDouble(c -> Math.max(0, c)).sum();
        }
    }

    static Snapshot take(List<Long> nodePids, DatabaseCpu database, long prosodyPid) {
        var nodes = nodePids.stream().map(pid -> ProcCpu.ticks(pid.longValue())).toList();
        return new Snapshot(System.nanoTime(), nodes, database.read(), ProcCpu.ticks(prosodyPid), ProcCpu.self(),
                Machine.cpuTimes());
    }

    static Use between(Snapshot a, Snapshot b, int cores) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        var nodes = new ArrayList<Double>();
        for (int i = 0; i < a.nodes().size(); i++) {
            nodes.add(round(ProcCpu.cores(a.nodes().get(i), b.nodes().get(i), seconds)));
        }
        double database = cores(ProcCpu.delta(a.database().backends(), b.database().backends()), seconds);
        double server = cores(ProcCpu.delta(a.database().server(), b.database().server()), seconds);
        double prosody = round(ProcCpu.cores(a.prosody(), b.prosody(), seconds));
        double harness = round(ProcCpu.cores(a.harness(), b.harness(), seconds));
        double machine = -1;
        if (a.machine() != null && b.machine() != null && b.machine()[1] > a.machine()[1]) {
            machine = round(cores * (double) (b.machine()[0] - a.machine()[0]) / (b.machine()[1] - a.machine()[1]));
        }
        double ours = nodes.stream().mapToDouble(c -> Math.max(0, c)).sum() + Math.max(0, database)
                + Math.max(0, server) + Math.max(0, prosody) + Math.max(0, harness);
        double others = machine < 0 ? -1 : round(Math.max(0, machine - ours));
        long commits = a.database().commits() < 0 || b.database().commits() < 0 ? -1
                : b.database().commits() - a.database().commits();
        return new Use(round(seconds), nodes, database, server, prosody, harness, machine, others, commits,
                ProcCpu.delta(a.database().backends(), b.database().backends()).gone());
    }

    private static double cores(ProcCpu.Delta d, double seconds) {
        return d.counted() == 0 || seconds <= 0 ? -1 : round(d.seconds() / seconds);
    }

    private static double round(double v) {
        return v < 0 ? v : Math.round(v * 1000) / 1000.0;
    }
}

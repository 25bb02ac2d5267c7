package dev.crosspost.bench;

import java.util.List;

/** Everything one run with several nodes measured; written as {@code nodes.json} and rendered as {@code nodes.md}. */
record NodesResults(Meta meta, PgBench.Result pgbench, List<CamundaBaseline.Result> camunda, List<Node> nodes,
                    Idle idle, List<Rate> rates, NodesModel.Result model, List<String> notes) {

    /** Where and what was measured; {@code settings}: what each node ran with besides the shipped configuration. */
    record Meta(String run, String startedAt, String finishedAt, String machine, int cores, String java,
                String postgres, String crosspost, String settings, int nodes, String command) {
    }

    /** One node: its name, process, address and role once the bot was up. */
    record Node(String name, long pid, String url, String roleAtStart) {
    }

    /** The cores each part used with nothing sent (after the warm-up): the cost of merely running. */
    record Idle(CpuWindow.Use cpu) {
    }

    /**
     * One shout rate, round robin over the nodes. {@code tally}: all of it, from the HTTP call to the line heard in the
     * room; {@code byNode}: the shouts sent to each node (shout {@code i} to node {@code i mod N}); {@code cpu}: who
     * used the cores from the first shout to the last line heard (or the drain timeout); {@code leaderBefore/After}:
     * the node holding the bot when the rate started and after its drain; {@code failovers}: takeovers the nodes
     * counted meanwhile; {@code limits}: each node's pool, sampled every second; {@code rssMb}: each node's resident
     * memory after the drain; {@code outboxAtEndOfLoad} / {@code outboxAfter}: rows not sent yet when the last shout was
     * sent / after the drain.
     */
    record Rate(double rate, Ledger.Tally tally, List<Ledger.Tally> byNode, double offeredPerSecond,
                double deliveredPerSecond, boolean drained, long heardLate, boolean keptUp, String loadAverage,
                String leaderBefore, String leaderAfter, int leaderIndex, long failovers, CpuWindow.Use cpu,
                List<Sampler.Limits> limits, List<Double> rssMb, long outboxAtEndOfLoad, long outboxAfter) {

        /** Whether the same node held the bot throughout (so each node's role, and its CPU, is known). */
        boolean oneLeader() {
            return leaderIndex >= 0 && leaderBefore.equals(leaderAfter) && failovers == 0;
        }
    }
}

package dev.crosspost.bench;

import java.util.List;

/** Everything one run measured; written as {@code results.json} and rendered as {@code results.md}. */
record Results(Meta meta, PgBench.Result pgbench, SmackBaseline.Result smack, List<CamundaBaseline.Result> camunda,
               List<Rate> rates, Room room, Room hook, CrashRun.Result crash, List<String> notes,
               List<MessageCpu> cpu, Profile profile) {

    /** Crosspost's CPU samples during one rate, per layer ({@link JfrLayers}). */
    record Profile(double rate, JfrLayers.Summary summary) {
    }

    /** Where and what was measured. */
    record Meta(String run, String startedAt, String finishedAt, String machine, String java, String postgres,
                String crosspost, boolean roomDelivery, String command) {
    }

    /**
     * One shout rate. {@code tally} counts from the HTTP call to the line heard in the room; {@code before}/{@code
     * after} are Crosspost's memory and job count before the rate and after its drain; {@code jobsAtEndOfLoad} is
     * the backlog when the last shout of the rate was sent; {@code heardLate} of the lost ones, how many were heard
     * after the drain timeout, while the harness waited for the backlog to clear (late, not lost); {@code limits}
     * what was busy while the rate was sent; {@code outboxAtEndOfLoad} the outbox rows not sent yet when the last
     * shout was sent; {@code keptUp} whether Crosspost sustained the rate ({@link Load#keptUp}); {@code loadAverage}
     * the machine's 1-minute load average when the rate started.
     */
    record Rate(double rate, Ledger.Tally tally, double offeredPerSecond, double deliveredPerSecond,
                long jobsAtEndOfLoad, long outboxAtEndOfLoad, CrosspostProcess.Snapshot before,
                CrosspostProcess.Snapshot after, boolean drained, long heardLate, boolean keptUp, String loadAverage,
                Sampler.Limits limits) {
    }

    /** The room → shoutbox direction, and an incoming webhook → the room ({@code hook}). */
    record Room(double rate, Ledger.Tally tally, double deliveredPerSecond) {
    }
}

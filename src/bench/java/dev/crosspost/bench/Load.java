package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/** The shout rates, one after the other: warm-up, then each rate with its drain and memory/backlog snapshots. */
final class Load {

    private final BenchOptions o;
    private final CrosspostProcess app;
    private final Ledgers room;
    private final boolean delivery;
    private final Duration drain;
    private final List<String> notes;
    private final ShoutPoster poster;
    private final long idleJobs;
    private final OutboxBacklog outbox;
    private final MessageCpu.Meter meter;
    private final java.nio.file.Path dir;
    private final List<MessageCpu> cpu = new ArrayList<>();
    private Results.Profile profile;

    Load(BenchOptions o, HttpClient client, CrosspostProcess app, OutboxBacklog outbox, Ledgers room,
         boolean delivery, Duration drain, List<String> notes, MessageCpu.Meter meter, java.nio.file.Path dir) {
        this.o = o;
        this.meter = meter;
        this.dir = dir;
        this.outbox = outbox;
        this.app = app;
        this.room = room;
        this.delivery = delivery;
        this.drain = drain;
        this.notes = notes;
        this.poster = new ShoutPoster(client, app.admin(), "team");
        this.idleJobs = Math.max(0, app.admin().jobCount());
    }

    /** {@code alongside}, or null: more warm-up load (the room's lines), on a thread of its own beside the shouts'. */
    List<Results.Rate> run(Callable<?> alongside) throws Exception {
        if (o.warmupRate() > 0 && o.warmupSeconds() > 0) {
            Bench.log("warm-up " + o.warmupRate() + "/s for " + o.warmupSeconds() + " s (not reported)");
            FutureTask<?> side = alongside == null ? null : new FutureTask<>(alongside);
            if (side != null) {
                new Thread(side, "bench-warm-up-alongside").start();
            }
            phase("warm", o.warmupRate(), o.warmupSeconds(), false);
            if (side != null) {
                side.get();
            }
            settle();
        }
        var rows = new ArrayList<Results.Rate>();
        for (int i = 0; i < o.rates().size(); i++) {
            double rate = o.rates().get(i);
            String load = Machine.loadAverage().split(" ")[0];
            var before = snapshot();
            Bench.log(String.format("rate %.0f/s for %.0f s (load average %s)", rate, o.seconds(), load));
            var p = phase("r" + i, rate, o.seconds(), false);
            cpu.add(p.cpu);
            var after = snapshot();
            var t = p.ledger.tally();
            Bench.log(String.format("  sent %d accepted %d delivered %d lost %d dup %d p50 %.1f ms p99 %.1f ms,"
                    + " jobs %d -> %d, outbox pending %d -> %d", t.sent(), t.accepted(), t.delivered(), t.lost(),
                    t.duplicated(), t.delivery().p50(), t.delivery().p99(), p.jobsAtEndOfLoad, after.jobs(),
                    p.outboxAtEndOfLoad, after.outbox()));
            boolean settled = settle();
            long late = delivery ? t.lost() - p.ledger.missing() : 0;
            double delivered = delivery ? t.deliveredPerSecond() : -1;
            boolean keptUp = settled && keptUp(t, p.drained, delivered);
            rows.add(new Results.Rate(rate, t, t.offeredPerSecond(), delivered, p.jobsAtEndOfLoad, p.outboxAtEndOfLoad,
                    before, after, p.drained, late, keptUp, load, p.limits));
            if (!settled) {
                notes.add(String.format("after %.0f/s the backlog (jobs %d, outbox %d) did not shrink back within the"
                        + " %.0f s drain", rate, app.admin().jobCount(), outbox.pending(), o.drainSeconds()));
            }
            if (o.stopOnLoss() && !keptUp && i + 1 < o.rates().size()) {
                notes.add(String.format("stopped after %.0f/s, which Crosspost did not sustain (%d calls failed, %d"
                        + " accepted shouts not heard within the %.0f s drain, %d heard twice, delivered %s/s); higher"
                        + " rates would only measure its backlog (--no-stop-on-loss runs them anyway)", rate,
                        t.failed(), t.lost(), o.drainSeconds(), t.duplicated(), Report.num(delivered)));
                break;
            }
        }
        return rows;
    }

    /**
     * The JFR recording, in a phase of its own at {@code --profile-rate}, not reported as a rate: a recording costs CPU
     * (JFR's start in the app, its samples, the {@code jcmd} calls), and on two cores that was enough to push a rate
     * the app otherwise sustained (150/s) into a backlog. The harness runs it after the room and hook directions, just
     * before the crash run: JFR's first recording instruments JDK classes (socket and file streams, {@code Throwable}),
     * and the JIT compiles again the code that had inlined them. Right after the rates, that recompilation took most
     * of a core through the room direction (the C2 thread 5.6 s of CPU in 6 s; p99 528 ms); before the rates, it
     * took 100/s and 150/s to p99 0.8 and 1.0 s. The crash run restarts the JVM anyway.
     */
    void recordProfile() {
        Bench.log(String.format("profile: %.0f/s for %.0f s with a JFR recording (not reported as a rate)",
                o.profileRate(), o.seconds()));
        phase("profile", o.profileRate(), o.seconds(), true);
        if (!settle()) {
            notes.add(String.format("after the profile phase (%.0f/s) the backlog did not shrink back within the %.0f s"
                    + " drain", o.profileRate(), o.drainSeconds()));
        }
    }

    /**
     * A rate is sustained when every call was accepted, every line heard once, the backlog drained, and lines
     * arrived at (nearly) the rate they were sent: delivered/s at least 95 % of offered/s over the phase, which a
     * backlog growing for more than a second or so of a 30 s phase fails.
     */
    static boolean keptUp(Ledger.Tally t, boolean drained, double deliveredPerSecond) {
        boolean flowing = deliveredPerSecond < 0 || deliveredPerSecond >= 0.95 * t.offeredPerSecond();
        return drained && flowing && t.failed() == 0 && t.lost() == 0 && t.duplicated() == 0;
    }

    private CrosspostProcess.Snapshot snapshot() {
        return app.snapshot(outbox.pending());
    }

    /**
     * Waits until Camunda's job count is back to what it was when the app was idle (timers) and the outbox has no
     * pending row: calls that timed out on the client may still have been accepted and queued, and their sends
     * would slow the next phase.
     */
    boolean settle() {
        long deadline = System.nanoTime() + drain.toNanos();
        while (true) {
            long jobs = app.admin().jobCount();
            if (jobs >= 0 && jobs <= idleJobs && outbox.pending() <= 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
        }
    }

    /** CPU per delivered message of each process, per rate (the warm-up left out). */
    List<MessageCpu> cpu() {
        return cpu;
    }

    /** The JFR profile of the rate {@code --profile-rate}, or null. */
    Results.Profile profile() {
        return profile;
    }

    private record Phase(Ledger ledger, long jobsAtEndOfLoad, long outboxAtEndOfLoad, boolean drained,
                         Sampler.Limits limits, MessageCpu cpu) {
    }

    /** {@code recorded}: with a JFR recording of the shouts' sending ({@link #profile()}). */
    private Phase phase(String name, double rate, double seconds, boolean recorded) {
        Ledger ledger = room.open(name);
        long skippedBefore = poster.skipped();
        Sampler.Limits limits;
        var start = meter.start();
        var jfr = recorded ? JfrRecording.start(app.pid(), dir.resolve("crosspost-" + name + ".jfr")) : null;
        try (var sampler = new Sampler(app.admin())) {
            poster.post(room, ledger, rate, OpenLoop.count(rate, seconds));
            limits = sampler.stop();
        }
        if (jfr != null) {
            var summary = jfr.stop();
            profile = summary == null ? null : new Results.Profile(rate, summary);
        }
        long jobs = app.admin().jobCount();
        long pending = outbox.pending();
        poster.settle(name, skippedBefore, notes);
        boolean drained = !delivery || Drain.await(ledger, drain);
        var used = meter.stop(Report.num(rate) + "/s", start, delivery ? ledger.tally().delivered()
                : ledger.tally().accepted());
        return new Phase(ledger, jobs, pending, drained, limits, used);
    }
}

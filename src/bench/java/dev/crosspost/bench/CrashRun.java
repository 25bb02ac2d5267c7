package dev.crosspost.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code kill -9} under load: shouts at a steady rate, Crosspost killed with SIGKILL in the middle of it, started
 * again as an operator would (the same command, database and port), the shouts going on all the while (calls made
 * while it is down fail: the sender sees an error and nothing was accepted). Counts what was acknowledged, delivered,
 * lost, doubled and out of order, and how long the restart and the delivery of what the dead node left behind took.
 */
final class CrashRun {

    /**
     * {@code tally}: the whole crash phase; {@code acceptedBeforeKill}: shouts answered 2xx before the kill, of which
     * {@code unheardAtKill} had not been heard yet (what the crash could lose or double) and {@code lostOfThose}
     * never were; {@code pendingAfterKill}: outbox rows left PENDING by the dead node (-1: no outbox table);
     * {@code doubled}: lines of any phase heard again since this phase began; {@code starts}: how many starts the
     * restart took (a failed start is tried again, as an operator would); {@code answeringSeconds}: kill to the
     * restarted app answering HTTP; {@code healthySeconds}: kill to its health UP; {@code botSeconds}: kill to its
     * bot in the room again; {@code lastOwedSeconds}: from answering HTTP to the last of the {@code unheardAtKill}
     * lines heard (-1: none heard after the kill; negative: heard before it answered HTTP).
     */
    record Result(double rate, double secondsEachSide, Ledger.Tally tally, long acceptedBeforeKill, long unheardAtKill,
                  long lostOfThose, long pendingAfterKill, long doubled, int starts, double answeringSeconds,
                  double healthySeconds, double botSeconds, double lastOwedSeconds, double botSeenSeconds) {
    }

    private CrashRun() {
    }

    /**
     * The steady rate of the crash run: {@code --crash-rate}, or the highest rate of the run that Crosspost sustained
     * when that is lower (a crash under a load it cannot carry anyway would measure the overload, not the crash), or
     * the lowest rate run when it sustained none.
     */
    static double rate(BenchOptions o, java.util.List<Results.Rate> rates) {
        double sustained = rates.stream().filter(Results.Rate::keptUp).mapToDouble(Results.Rate::rate).max()
                .orElse(rates.stream().mapToDouble(Results.Rate::rate).min().orElse(o.crashRate()));
        return Math.min(o.crashRate(), sustained);
    }

    static Result run(BenchOptions o, double rate, java.net.http.HttpClient client, CrosspostProcess app,
                      OutboxBacklog outbox, Ledgers room, RoomClient ears, Duration drain) throws Exception {
        double seconds = o.crashSeconds();
        var poster = new ShoutPoster(client, app.admin(), "team");
        Ledger ledger = room.open("crash");
        long repeatsBefore = room.repeats();
        var sending = new AtomicBoolean(true);
        var sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-crash-sender"));
        Bench.log(String.format("crash run: %.0f/s, kill -9 after %.0f s, restart, %.0f s more", rate, seconds, seconds));
        try {
            var load = sender.submit(() -> poster.post(room, ledger, rate, Long.MAX_VALUE, sending::get));
            java.util.concurrent.locks.LockSupport.parkNanos((long) (seconds * 1e9));
            app.kill();
            long killed = System.nanoTime();
            long pending = outbox.pending();
            Bench.log("  killed pid " + app.pid() + "; outbox rows left pending: " + pending + "; restarting");
            int starts = app.restart();
            long healthy = System.nanoTime();
            long answering = app.answeringNanos();
            Bench.awaitBot(app);
            long bot = System.nanoTime();
            // the bot's presence back in the room, as the listener saw it (health, above, answers only once the
            // room's archive is read, and over HTTP, behind the shouts that flood in when the port opens)
            long seen = ears == null ? 0 : ears.joinedAt(CrosspostProcess.BOT_NICKNAME);
            seen = seen > killed ? seen : 0;
            Bench.log(String.format("  answering HTTP %.1f s after the kill, healthy after %.1f s (pid %d), bot in the"
                    + " room after %.1f s", (answering - killed) / 1e9, (healthy - killed) / 1e9, app.pid(),
                    (bot - killed) / 1e9));
            java.util.concurrent.locks.LockSupport.parkNanos((long) (seconds * 1e9));
            sending.set(false);
            load.get(60, TimeUnit.SECONDS);
            poster.awaitAnswers(Duration.ofSeconds(120));
            Drain.await(ledger, drain);
            var c = ledger.crash(killed);
            var t = ledger.tally();
            var result = new Result(rate, seconds, t, c.acceptedBefore(), c.unheardAtKill(), c.neverHeard(), pending,
                    room.repeats() - repeatsBefore, starts, (answering - killed) / 1e9, (healthy - killed) / 1e9,
                    (bot - killed) / 1e9, c.lastHeardNanos() == 0 ? -1 : (c.lastHeardNanos() - answering) / 1e9,
                    seen == 0 ? -1 : (seen - killed) / 1e9);
            Bench.log(String.format("  acknowledged %d, delivered %d, lost %d, doubled %d, out of order %d; %d not heard"
                    + " at the kill, the last of them %.1f s after the app answered HTTP again", t.accepted(), t.delivered(), t.lost(),
                    result.doubled(), t.outOfOrder(), c.unheardAtKill(), result.lastOwedSeconds()));
            return result;
        } finally {
            sending.set(false);
            sender.shutdownNow();
        }
    }

    static String markdown(Result c) {
        var t = c.tally();
        var md = new StringBuilder("## Crash: kill -9 under load, restart\n\n")
                .append(String.format(java.util.Locale.ROOT, "Shouts at %s/s; `kill -9` of Crosspost after %s s; started"
                        + " again at once with the same command, database and port; %s s more of shouts once it was"
                        + " healthy. Shouts due while it was down failed (connection refused): nothing was accepted"
                        + " then.%n%n", Report.num(c.rate()), Report.num(c.secondsEachSide()),
                        Report.num(c.secondsEachSide())))
                .append("| | |\n|---|---:|\n")
                .append(Report.row("shouts sent / acknowledged (2xx) / failed", t.sent() + " / " + t.accepted() + " / "
                        + t.failed() + (t.heardUnaccepted() > 0 ? " (" + t.heardUnaccepted() + " of them heard)" : "")))
                .append(Report.row("acknowledged before the kill / of them not yet heard when it came",
                        c.acceptedBeforeKill() + " / " + c.unheardAtKill()))
                .append(Report.row("outbox rows the killed node left pending", c.pendingAfterKill() < 0 ? "n/a (no outbox)"
                        : String.valueOf(c.pendingAfterKill())))
                .append(Report.row("**delivered** (acknowledged and heard)", t.delivered()))
                .append(Report.row("**lost** (acknowledged, not heard within the drain)", t.lost()
                        + (c.lostOfThose() > 0 ? " (" + c.lostOfThose() + " of those in flight at the kill)" : "")))
                .append(Report.row("**doubled** (heard twice, any phase of the run, since this one began)", c.doubled()))
                .append(Report.row("**out of order**", t.outOfOrder()))
                .append(Report.row("kill → restarted app answering HTTP / healthy / bot back in the room, s",
                        Report.num(c.answeringSeconds()) + " / " + Report.num(c.healthySeconds()) + " / "
                        + Report.num(c.botSeconds())
                        + (c.starts() > 1 ? " (" + c.starts() + " starts: the first failed)" : "")))
                .append(Report.row("kill → the bot's presence in the room again (as the listener saw it), s",
                        c.botSeenSeconds() > 0 ? Report.num(c.botSeenSeconds()) : "n/a"))
                .append(Report.row("**restarted app answering HTTP → last line owed from before the kill heard**, s",
                        c.unheardAtKill() == c.lostOfThose() ? "none heard after the kill"
                                : String.format(java.util.Locale.ROOT, "%.1f", c.lastOwedSeconds())))
                .append(Report.row("latency p50 / p99 / max over the phase, ms", Report.ms(t.delivery().p50()) + " / "
                        + Report.ms(t.delivery().p99()) + " / " + Report.ms(t.delivery().max())))
                .append("\n");
        return md.toString();
    }
}

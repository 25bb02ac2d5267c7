package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Ledger.Latency NONE = new Ledger.Latency(0, 0, 0, 0, 0);

    private static Results results(boolean roomDelivery) {
        var delivery = new Ledger.Latency(1000, 12.5, 40.25, 180, 310);
        var answer = new Ledger.Latency(1000, 3, 5, 9, 20);
        var tally = new Ledger.Tally("r0", 1003, 1000, 3, 998, 2, 1, 4, 1, 0, 9.99, 10.2, 0.4, answer,
                roomDelivery ? delivery : NONE);
        var rate = new Results.Rate(100, tally, 100, roomDelivery ? 97.8 : -1, -1, 12,
                new CrosspostProcess.Snapshot(400.5, 120, 0, 0), new CrosspostProcess.Snapshot(450, 180.2, 0, 0), false,
                1, false, "3.10", new Sampler.Limits(10, 0.93, 0.99, 178, 150.5, 20, 20));
        var pg = new PgBench.Result("single-row INSERT", List.of(new PgBench.Point(1, 1200), new PgBench.Point(8, 4700)));
        var smack = new SmackBaseline.Result("team@conference.localhost", 20000, 20000, 3700, 2000, 2000, 200,
                new Ledger.Latency(2000, 0.5, 1, 2.5, 4));
        var camunda = List.of(new CamundaBaseline.Result("outbox", "the outbox shape", 20, 5200, 5000, 0, 260, 250, 3, 1, 2, 20),
                new CamundaBaseline.Result("job", "the job shape", 20, 9000, 9000, 2, 450, 450, 5, 2, 4, 30));
        var meta = new Results.Meta("abc", "2026-11-25T14:00:00Z", "2026-11-25T14:05:00Z", "2 cores", "Java 17",
                "15.14", "crosspost-0.1.0-SNAPSHOT.jar", roomDelivery, "./mvnw -B -Pbench verify");
        var crashTally = new Ledger.Tally("crash", 6000, 3100, 2900, 3100, 0, 0, 0, 2, 0, 60, 61, 0.2, answer, delivery);
        var crash = new CrashRun.Result(150, 20, crashTally, 1500, 6, 0, 4, 0, 1, 12.5, 14.2, 15.0, 1.3, 13.0);
        var hookTally = new Ledger.Tally("hook", 500, 499, 1, 499, 0, 0, 0, 0, 0, 10, 10, 0, answer, delivery);
        return new Results(meta, pg, smack, camunda, List.of(rate), null,
                roomDelivery ? new Results.Room(50, hookTally, 49.9) : null, crash, List.of("load average at start: 3.1"),
                List.of(new MessageCpu("100/s", 2000, 21, 6, 2.5, 0.4, 1.1, 1.3, 12, 3.1, 40, 90)), null);
    }

    @Test
    void cpuPerMessageOfEachProcessAndTheRatioToCamundaAlone() {
        assertThat(Report.markdown(results(true))).contains("## CPU per delivered message, by process")
                // Crosspost 6 ms per shout against 3 ms per flow of Camunda alone's shipped (first) shape: 2.00
                .contains("| 100/s | 2000 | 21 | 6.00 | 2.50 | 0.40 | 1.10 | 1.30 | 12.0 | 3.10 | 40.0 | 90.0 | 2.00 |")
                .contains("| Camunda alone, outbox shape (the harness's JVM is the engine) | 5000 | 20 | 3.00 | 1.00 |");
    }

    @Test
    void theIncomingHookRateHasItsOwnTable() {
        assertThat(Report.markdown(results(true))).contains("## Incoming webhook → team room")
                .contains("| 50 | 500 | 499 | 1 | 0 | 0 | 49.9 | 12.5 | 40.3 | 180 | 310 |");
        assertThat(Report.markdown(results(false))).doesNotContain("Incoming webhook");
    }

    @Test
    void theTableShowsEveryFigureOfARate() {
        String md = Report.markdown(results(true));

        assertThat(md).contains("| 100 | **no** | 1003 | 1000 | 3 (1 heard) | 998 | 2 (1 heard later) | 1 | 4 | 97.8 | 12.5 "
                + "| 40.3 | 180 | 310 | 3.0 / 9.0 |");
        assertThat(md).contains("| 100 | 3.10 | 93 % | 99 % | 20 | 20 | 151 / 178 | n/a → 0 | 12 → 0 | 401 → 450 | 120 → 180 |");
        assertThat(md).contains("| PostgreSQL single-row INSERT commits/s, 8 clients | 4700 |");
        assertThat(md).contains("| bare Smack client through the room, burst msgs/s (20000/20000 heard) | 3700 |");
        assertThat(md).contains("| Camunda alone, the shoutbox-team flow with no-op tasks, the outbox shape: flows finished/s "
                + "(5000 of 5200 started) | 250 |");
        assertThat(md).contains("| Camunda alone, the shoutbox-team flow with no-op tasks, the job shape: flows finished/s "
                + "(9000 of 9000 started, 2 twice) | 450 |");
        assertThat(md).contains("- load average at start: 3.1");
    }

    @Test
    void ratiosCompareCrosspostWithTheBaselinesOfTheSameFlowShape() {
        String md = Report.markdown(results(true));

        // 97.8 / 1200, / 4700, / 3700; 12.5 / 0.5; 180 / 2.5; 97.8 / 250 (the outbox shape: this build has an outbox)
        assertThat(md).contains("| 100 | 8.2 % | 2.1 % | 2.6 % | 25× | 72× | 39.1 % |");
        assertThat(md).contains("Same flow shape: the outbox shape.");
    }

    @Test
    void theCrashRunAndTheTargetsHaveTheirTables() {
        String md = Report.markdown(results(true));

        assertThat(md).contains("| shouts sent / acknowledged (2xx) / failed | 6000 / 3100 / 2900 (2 of them heard) |");
        assertThat(md).contains("| acknowledged before the kill / of them not yet heard when it came | 1500 / 6 |");
        assertThat(md).contains("| outbox rows the killed node left pending | 4 |");
        assertThat(md).contains("| **lost** (acknowledged, not heard within the drain) | 0 |");
        assertThat(md).contains("| kill → restarted app answering HTTP / healthy / bot back in the room, s | 12.5 / 14.2 / 15 |");
        assertThat(md).contains("| **restarted app answering HTTP → last line owed from before the kill heard**, s | 1.3 |");
        // 100/s lost lines: not sustained, so 300/s is not met
        assertThat(md).contains("## Targets (issue 22)");
        assertThat(md).contains("| ≥ 300 shouts/s sustained (0 lost, 0 doubled) | no rate sustained | not met |");
        assertThat(md).contains("| p99 < 250 ms at 200/s | not measured | not measured |");
        // 6 ms per shout at 100/s against Camunda alone's 3 ms per flow
        assertThat(md).contains("| Crosspost CPU per shout ≤ 1.5 × Camunda alone's per flow (same shape) "
                + "| at 100/s: 6.00 ÷ 3.00 ms = 2.00 | not met |");
        assertThat(md).contains("| room → shoutbox at 100 lines/s right after the highest shout rate: all of it, "
                + "p99 < 100 ms | not measured | not measured |");
        // clean and in time, but no rate was sustained: the crash says nothing of a sustained load
        assertThat(md).contains("| kill -9 at 150/s (or the highest rate sustained, when lower): every acknowledged "
                + "shout heard within 30 s of the app answering again, none lost, doubled or out of order | at 150/s: 0 "
                + "lost, 0 doubled, 0 out of order; the last owed heard 1.3 s after it answered | not met |");
        assertThat(md).contains("| restarted app answering HTTP ≤ 8 s after the kill (it starts again at once) "
                + "| 12.5 s | not met |");
        assertThat(md).contains("| kill → the bot's presence in the room again (as the listener saw it), s | 13 |");
        // 300/s on 2 cores: 6.67 ms per shout for all; PostgreSQL 2.9, Prosody 1.1 and the harness 1.3 leave 1.37 ms
        assertThat(md).contains("**What limits the rate** (at 100/s, the highest rate with a CPU row): the machine used "
                + "12.00 ms of CPU per shout: Crosspost 6.00 ms, PostgreSQL 2.90 ms (backends and background), Prosody "
                + "1.10 ms, the harness 1.30 ms. 300/s on 2 cores gives everything 6.67 ms per shout; the other "
                + "processes as measured take 5.30 ms, which leaves Crosspost 1.37 ms: 0.23 × what it used, 0.46 × "
                + "Camunda alone's JVM per flow (3.00 ms).");
        assertThat(md).contains("| then the bot in its room ≤ 5 s later | 0.5 s (its presence; as health reports it: 2.5 s) "
                + "| met |");
    }

    @Test
    void theRoomDirectionAfterTheOverloadIsMetOnlyWhenAllOfItCameQuickly() {
        var r = results(true);
        var quick = new Ledger.Tally("room", 1000, 1000, 0, 1000, 0, 0, 0, 0, 0, 10, 10, 0, NONE,
                new Ledger.Latency(1000, 12, 40, 84.5, 90));
        var slow = new Ledger.Tally("room", 1000, 1000, 0, 1000, 0, 0, 0, 0, 0, 10, 10, 0, NONE,
                new Ledger.Latency(1000, 1568, 1866, 1883, 1897));

        assertThat(Report.markdown(withRoom(r, new Results.Room(100, quick, 99.9))))
                .contains("right after the highest shout rate: all of it, p99 < 100 ms | 100/s: 99.9/s delivered, "
                        + "p99 84.5 ms | met |");
        assertThat(Report.markdown(withRoom(r, new Results.Room(100, slow, 86.5))))
                .contains("| 100/s: 86.5/s delivered, p99 1883 ms | not met |");
        assertThat(Report.markdown(withRoom(r, new Results.Room(100, quick, 80))))
                .as("quick, but a fifth of the rate missing").contains("| 100/s: 80/s delivered, p99 84.5 ms | not met |");
    }

    private static Results withRoom(Results r, Results.Room room) {
        return new Results(r.meta(), r.pgbench(), r.smack(), r.camunda(), r.rates(), room, r.hook(), r.crash(),
                r.notes(), r.cpu(), r.profile());
    }

    @Test
    void withoutTheXmppAdapterDeliveryIsNotClaimed() {
        String md = Report.markdown(results(false));

        assertThat(md).contains("No XMPP adapter in this build");
        assertThat(md).contains("| 100 | **no** | 1003 | 1000 | 3 (1 heard) | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a "
                + "| n/a | 3.0 / 9.0 |");
        assertThat(md).contains("| 100 | n/a | n/a | n/a | n/a | n/a | n/a |");
    }

    @Test
    void writesJsonThatReadsBackAndTheSameMarkdown(@TempDir Path dir) throws Exception {
        var results = results(true);

        Report.write(results, dir.resolve("out"));

        var json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(json.at("/rates/0/tally/lost").asLong()).isEqualTo(2);
        assertThat(json.at("/rates/0/tally/delivery/p99").asDouble()).isEqualTo(180);
        assertThat(json.at("/pgbench/points/1/commitsPerSecond").asDouble()).isEqualTo(4700);
        assertThat(json.at("/rates/0/after/rssMb").asDouble()).isEqualTo(450);
        assertThat(json.at("/crash/tally/lost").asLong()).isZero();
        assertThat(json.at("/crash/healthySeconds").asDouble()).isEqualTo(14.2);
        assertThat(Files.readString(dir.resolve("out/results.md"))).isEqualTo(Report.markdown(results));
        assertThat(Report.markdown(Report.read(dir.resolve("out/results.json")))).isEqualTo(Report.markdown(results));
    }
}

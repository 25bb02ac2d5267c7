package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesReportTest {

    private static Ledger.Tally tally(String phase, long accepted, double p50) {
        var latency = new Ledger.Latency(accepted, p50, p50 * 2, p50 * 3, p50 * 4);
        var answer = new Ledger.Latency(accepted, 4, 6, 9, 12);
        return new Ledger.Tally(phase, accepted, accepted, 0, accepted, 0, 0, 0, 0, 0, 20, 20.5, 0.1, answer, latency);
    }

    private static NodesResults results() {
        var idle = new CpuWindow.Use(10, List.of(0.05, 0.05), 0.02, 0.01, 0.01, 0.01, 0.4, 0.25, 10, 0);
        var cpu = new CpuWindow.Use(20.5, List.of(0.85, 0.55), 0.40, 0.05, 0.10, 0.10, 1.9, 0.2, 6000, 0);
        var limits = new Sampler.Limits(20, 0.4, 0.9, 0, 0, 6, 20);
        var byNode = List.of(tally("r0", 1000, 8), tally("r0", 1000, 520));
        var rate = new NodesResults.Rate(100, tally("r0", 2000, 260), byNode, 100, 97.6, true, 0, true, "1.80",
                "node-1", "node-1", 0, 0, cpu, List.of(limits, limits), List.of(610.0, 580.0), 12, 0);
        var pg = new PgBench.Result("single-row INSERT", List.of(new PgBench.Point(1, 1200), new PgBench.Point(8, 4700)));
        var notes = new ArrayList<>(List.of("before the run: load average 0.5"));
        var model = NodesRun.model(List.of(rate), idle, pg, 2, notes);
        var meta = new NodesResults.Meta("abc", "2026-11-28T12:40:00Z", "2026-11-28T12:50:00Z", "2 cores", 2, "Java 17",
                "15.14", "crosspost-0.1.0-SNAPSHOT.jar (1ef492f)", "-Xmx512m each", 2, "./mvnw -B -Pbench verify");
        return new NodesResults(meta, pg, List.of(), List.of(new NodesResults.Node("node-1", 11, "http://127.0.0.1:1",
                "leader"), new NodesResults.Node("node-2", 12, "http://127.0.0.1:2", "standby")),
                new NodesResults.Idle(idle), List.of(rate), model, notes);
    }

    @Test
    void saysThatTheNodesShareTheCoresAndThatThePredictionIsAModel() {
        String md = NodesReport.markdown(results());

        assertThat(md).contains("cannot be faster than one").contains("**model**")
                .contains("This is arithmetic on the figures above, not a measurement.");
        assertThat(md).contains("| 100 | yes | 2000 | 2000 | 0 | 2000 | 0 | 0 | 0 | 97.6 | 260 | 780 | 1040 | 4.0 / 9.0 "
                + "| node-1 | 1.80 |");
        assertThat(md).contains("Sustained rate: 100/s.");
    }

    @Test
    void showsLatencyAndCoresPerNodeWithTheBotHolderMarked() {
        String md = NodesReport.markdown(results());

        assertThat(md).contains("| 100 | node-1 | holds the bot | 1000 | 1000 | 8.0 | 24.0 | 4.0 |");
        assertThat(md).contains("| 100 | node-2 | other | 1000 | 1000 | 520 | 1560 | 4.0 |");
        assertThat(md).contains("| idle | 10 | 0.05 | 0.05 | 0.10 | 0.02 | 0.01 | 0.01 | 0.01 | 0.40 | 0.25 | n/a |");
        assertThat(md).contains("| 100 | 20.5 | 0.85* | 0.55 | 1.40 | 0.40 | 0.05 | 0.10 | 0.10 | 1.90 | 0.20 | 3.0 |");
        assertThat(md).contains("| 100 | 6 / 0 | 610 | 6 / 0 | 580 |");
    }

    @Test
    void theModelTableHasARowPerNodeCountAndNamesTheLimit() {
        var r = results();
        String md = NodesReport.markdown(r);

        // node-2: (0.55 - 0.05) × 20.5 = 10.25 CPU-s for 1000 shouts
        assertThat(r.model().costs().accept()).isCloseTo(0.01025, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(md).contains("| accepting a shout (HTTP, the flow, its commit; from the nodes not holding the bot) "
                + "| 10.25 ms | 0.05 per node |");
        assertThat(md).contains("| **2** |");
        assertThat(md).contains("100/s (the highest rate sustained)");
        assertThat(md).containsPattern("\\| 16 \\| [0-9]+ \\| [0-9]+ \\| [0-9]+ \\| [0-9]+ \\| [0-9]+ \\| \\*\\*[0-9]+\\*\\* \\| ");
    }

    @Test
    void writesNodesJsonAndMdBesideTheSingleRunsResultsWithoutTouchingThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.md"), "the single run");

        NodesReport.write(results(), dir);

        assertThat(dir.resolve("results.md")).hasContent("the single run");
        assertThat(dir.resolve("nodes.md")).exists();
        var json = new ObjectMapper().readTree(dir.resolve("nodes.json").toFile());
        assertThat(json.at("/rates/0/cpu/nodes/0").asDouble()).isEqualTo(0.85);
        assertThat(json.at("/rates/0/leaderAfter").asText()).isEqualTo("node-1");
        assertThat(json.at("/model/points").size()).isEqualTo(NodesModel.COUNTS.size());
    }

    @Test
    void theCheckOnThisMachineSaysWhenSomethingOtherThanCpuHeldTheRunBack() {
        var costs = NodesModel.costs("r0", 100, results().rates().get(0).cpu(), results().idle().cpu(), 0,
                List.of(1000L, 1000L), 2000, 4700);
        var slow = NodesModel.model(costs, 2, 2, 2, 0.2, 10, "r0");
        var close = NodesModel.model(costs, 2, 2, 2, 0.2, slow.thisMachine(), "r0");

        assertThat(NodesReport.checkVerdict(slow)).contains("something other than CPU");
        assertThat(NodesReport.checkVerdict(close)).contains("close");
    }
}

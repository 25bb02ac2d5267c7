package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuWindowTest {

    private static final double T = ProcCpu.TICKS_PER_SECOND;

    private static long ticks(double seconds) {
        return Math.round(seconds * T);
    }

    @Test
    void eachPartsCoresAreItsCpuSecondsOverTheWindowAndTheRestOfTheMachineIsTheNeighbours() {
        var start = new CpuWindow.Snapshot(0, List.of(ticks(10), ticks(20)),
                new DatabaseCpu.Reading(Map.of(100L, ticks(1), 101L, ticks(2)), Map.of(50L, ticks(3)), 1000),
                ticks(4), ticks(5), new long[] {1000, 4000});
        // 10 s later: node 0 used 8 CPU-s, node 1 4; backend 100 used 3, 101 ended, 102 started and used 1; the
        // server's background 0.5; Prosody 1; the harness 1.5; the machine's two cores all busy (2000 of 2000 jiffies)
        var end = new CpuWindow.Snapshot(10_000_000_000L, List.of(ticks(18), ticks(24)),
                new DatabaseCpu.Reading(Map.of(100L, ticks(4), 102L, ticks(1)), Map.of(50L, ticks(3.5)), 4000),
                ticks(5), ticks(6.5), new long[] {3000, 6000});

        var use = CpuWindow.between(start, end, 2);

        assertThat(use.seconds()).isEqualTo(10);
        assertThat(use.nodes()).containsExactly(0.8, 0.4);
        assertThat(use.nodesTotal()).isCloseTo(1.2, within(1e-9));
        assertThat(use.database()).isEqualTo(0.4);
        assertThat(use.databaseGone()).isEqualTo(1);
        assertThat(use.server()).isEqualTo(0.05);
        assertThat(use.prosody()).isEqualTo(0.1);
        assertThat(use.harness()).isEqualTo(0.15);
        assertThat(use.machine()).isEqualTo(2.0);
        assertThat(use.others()).isCloseTo(2.0 - 1.2 - 0.4 - 0.05 - 0.1 - 0.15, within(1e-9)); // 0.1
        assertThat(use.commits()).isEqualTo(3000);
    }

    @Test
    void aReadingThatFailedIsNotAFigure() {
        var start = new CpuWindow.Snapshot(0, List.of(-1L), new DatabaseCpu.Reading(Map.of(), Map.of(), -1), -1, 0, null);
        var end = new CpuWindow.Snapshot(1_000_000_000L, List.of(ticks(1)), new DatabaseCpu.Reading(Map.of(), Map.of(), 5),
                -1, 0, null);

        var use = CpuWindow.between(start, end, 2);

        assertThat(use.nodes()).containsExactly(-1.0);
        assertThat(use.database()).isEqualTo(-1);
        assertThat(use.prosody()).isEqualTo(-1);
        assertThat(use.machine()).isEqualTo(-1);
        assertThat(use.others()).isEqualTo(-1);
        assertThat(use.commits()).isEqualTo(-1);
    }
}

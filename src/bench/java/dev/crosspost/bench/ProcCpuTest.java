package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void readsUserPlusSystemTimeFromAStatLine() {
        // fields 14 and 15 (utime, stime) are 1250 and 310
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 93211 0 12 0 1250 310 0 0 20 0 61 0 37504 4133440 120380";

        assertThat(ProcCpu.ticks(stat)).isEqualTo(1560);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (postgres: postgres crosspost_bench 127.0.0.1(40312) idle) S 60 77 77 0 -1 4194368 500 0 0 0"
                + " 42 8 0 0 20 0 1 0 99 1000 200";

        assertThat(ProcCpu.ticks(stat)).isEqualTo(50);
    }

    @Test
    void somethingElseIsNoReading() {
        assertThat(ProcCpu.ticks("")).isEqualTo(-1);
        assertThat(ProcCpu.ticks((String) null)).isEqualTo(-1);
        assertThat(ProcCpu.ticks("12 (x) S 1 2")).isEqualTo(-1);
        assertThat(ProcCpu.ticks(Long.MAX_VALUE)).isEqualTo(-1); // no such process
    }

    @Test
    void thisJvmCanReadItsOwnTime() {
        assertThat(ProcCpu.self()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void coresAreTicksOverWallTime() {
        double ticks = ProcCpu.TICKS_PER_SECOND;

        assertThat(ProcCpu.cores((long) ticks, (long) (ticks * 31), 20)).isEqualTo(1.5);
        assertThat(ProcCpu.cores(-1, 100, 20)).isEqualTo(-1);
    }

    @Test
    void aSetOfProcessesCountsDifferencesNewcomersWholeAndTheGoneApart() {
        double t = ProcCpu.TICKS_PER_SECOND;
        var before = Map.of(1L, (long) t, 2L, (long) (2 * t), 3L, (long) (5 * t));
        var after = Map.of(1L, (long) (4 * t), 2L, (long) (2 * t), 4L, (long) (t / 2));

        var d = ProcCpu.delta(before, after);

        assertThat(d.seconds()).isEqualTo(3 + 0 + 0.5); // 1: 3 s more; 2: none; 4 started meanwhile: all of it
        assertThat(d.counted()).isEqualTo(3);
        assertThat(d.gone()).isEqualTo(1); // 3 ended: its last stretch is unknown
        assertThat(ProcCpu.delta(Map.of(5L, -1L), Map.of(5L, -1L)).counted()).isZero(); // unreadable
    }
}

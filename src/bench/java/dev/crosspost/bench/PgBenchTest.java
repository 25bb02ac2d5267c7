package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgBenchTest {

    @Test
    void zeroSecondsSkipsTheBaselineWithoutTouchingTheDatabase(@TempDir Path dir) throws Exception {
        // port 1: nothing listens there, so any attempt to create the table or run pgbench would fail
        var o = BenchOptions.parse("--pgbench-seconds", "0", "--pg-port", "1");

        var result = PgBench.run(o, dir);

        assertThat(result.points()).isEmpty();
        assertThat(result.note()).contains("skipped").contains("--pgbench-seconds 0");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--pgbench-seconds", "-1"))
                .hasMessageContaining("--pgbench-seconds");
        assertThat(BenchOptions.parse("--pgbench-seconds", "0").pgbenchSeconds()).isZero();
    }
}

package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @Test
    void defaultsAreTwentyMinutesAtFiftyShoutsASecondOnTwoNodes() {
        var s = SoakOptions.parse("--soak", "20m");
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.shoutRate()).isEqualTo(50);
        assertThat(s.bench().nodes()).isEqualTo(2);
        assertThat(s.pgData()).isNull();
        assertThat(s.bench().out()).isEqualTo(Path.of("src/bench/results"));
    }

    @Test
    void theSmokeRunAndAPrivatePostgres() {
        var s = SoakOptions.parse("--soak", "2m", "--faults", "2", "--seed", "7", "--pg-port", "55432", "--pg-data",
                "/tmp/pg/data");
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.maxFaults()).isEqualTo(2);
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.bench().pgPort()).isEqualTo(55432);
        assertThat(s.pgData()).isEqualTo(Path.of("/tmp/pg/data"));
    }

    @Test
    void aDurationItCannotReadIsRefused() {
        assertThatThrownBy(() -> SoakOptions.parse("--soak", "soon")).hasMessageContaining("20m");
        assertThat(SoakOptions.duration("90")).isEqualTo(Duration.ofSeconds(90));
    }
}

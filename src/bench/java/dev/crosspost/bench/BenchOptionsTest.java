package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void theDefaultsAreTheRealMeasurement() {
        var o = BenchOptions.parse();

        assertThat(o.rates()).startsWith(25.0, 150.0, 300.0).hasSizeGreaterThan(3);
        assertThat(o.seconds()).isEqualTo(30);
        assertThat(o.out()).isEqualTo(Path.of("src/bench/results"));
        assertThat(o.stopOnLoss()).isTrue();
        assertThat(o.camundaSeconds()).isEqualTo(20);
        assertThat(o.crashRate()).isEqualTo(150);
        assertThat(o.cds()).as("started as the shipped image starts it").isTrue();
        assertThat(BenchOptions.parse("--rates", "50", "--no-cds").cds()).isFalse();
    }

    @Test
    void quickIsTinyAndDoesNotOverwriteTheCommittedResults() {
        var o = BenchOptions.parse("--quick");

        assertThat(o.rates()).allMatch(r -> r <= 20);
        assertThat(o.seconds()).isLessThanOrEqualTo(3);
        assertThat(o.out()).isEqualTo(Path.of("target/bench"));
    }

    @Test
    void everyValueCanBeSet() {
        var o = BenchOptions.parse("--rates", "100, 500", "--seconds", "60", "--no-stop-on-loss", "--heap", "1g",
                "--database", "my_bench", "--keep-db", "--camunda-seconds", "0", "--crash-rate", "0");

        assertThat(o.rates()).isEqualTo(List.of(100.0, 500.0));
        assertThat(o.seconds()).isEqualTo(60);
        assertThat(o.stopOnLoss()).isFalse();
        assertThat(o.crosspostHeap()).isEqualTo("-Xmx1g");
        assertThat(o.database()).isEqualTo("my_bench");
        assertThat(o.keepDatabase()).isTrue();
        assertThat(o.camundaSeconds()).isZero();
        assertThat(o.crashRate()).isZero();
    }

    @Test
    void unknownOptionsAndUnsafeDatabaseNamesAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--rate", "5")).hasMessageContaining("unknown option '--rate'");
        assertThatThrownBy(() -> BenchOptions.parse("--seconds")).hasMessageContaining("incomplete");
        assertThatThrownBy(() -> BenchOptions.parse("--database", "x; DROP")).hasMessageContaining("--database");
    }

    @Test
    void severalNodesAreAnOptionAndOneNodeIsTheRunAsBefore() {
        assertThat(BenchOptions.parse().nodes()).isEqualTo(1);
        assertThat(BenchOptions.parse("--quick").nodes()).isEqualTo(1);

        var o = BenchOptions.parse("--quick", "--nodes", "3", "--node-pool", "12", "--rates", "25,100");

        assertThat(o.nodes()).isEqualTo(3);
        assertThat(o.nodePool()).isEqualTo(12);
        assertThat(o.rates()).containsExactly(25.0, 100.0);
        assertThat(o.out()).isEqualTo(Path.of("target/bench"));
        assertThat(BenchOptions.parse("--nodes", "2").nodePool()).isEqualTo(20);
        assertThatThrownBy(() -> BenchOptions.parse("--nodes", "0")).hasMessageContaining("--nodes");
        assertThat(BenchOptions.USAGE).contains("--nodes N").contains("--node-pool");
    }
}

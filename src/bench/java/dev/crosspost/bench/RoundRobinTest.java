package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void messageIGoesToNodeIModN() {
        var nodes = new RoundRobin<>(List.of("node-1", "node-2", "node-3"));

        assertThat(LongStream.range(0, 7).mapToObj(nodes::of))
                .containsExactly("node-1", "node-2", "node-3", "node-1", "node-2", "node-3", "node-1");
        assertThat(nodes.sentTo(4, 1)).isTrue();
        assertThat(nodes.sentTo(4, 0)).isFalse();
    }

    @Test
    void eachNodeTakesTheSameShareGiveOrTakeOne() {
        var nodes = new RoundRobin<>(List.of(0, 1, 2));

        long[] taken = new long[3];
        LongStream.range(0, 3001).forEach(seq -> taken[nodes.of(seq)]++);

        assertThat(taken).containsExactly(1001, 1000, 1000);
    }

    @Test
    void oneTargetTakesEverythingAndNoneIsRefused() {
        var one = new RoundRobin<>(List.of("only"));

        assertThat(one.of(0)).isEqualTo("only");
        assertThat(one.of(12345)).isEqualTo("only");
        assertThatThrownBy(() -> new RoundRobin<>(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

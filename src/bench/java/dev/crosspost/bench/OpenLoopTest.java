package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void everyMessageIsDueOnePeriodAfterThePreviousWhateverTheSenderDoes() {
        var dues = new ArrayList<Long>();

        OpenLoop.run(1000, 5, (seq, due) -> dues.add(due));

        assertThat(dues).hasSize(5);
        for (int i = 1; i < dues.size(); i++) {
            assertThat(dues.get(i) - dues.get(i - 1)).isBetween(999_000L, 1_001_000L);
        }
    }

    @Test
    void aPhaseSendsRateTimesSecondsMessages() {
        assertThat(OpenLoop.count(250, 30)).isEqualTo(7500);
        assertThat(OpenLoop.count(5, 0.01)).isEqualTo(1);
    }
}

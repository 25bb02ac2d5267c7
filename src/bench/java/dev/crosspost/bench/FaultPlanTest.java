package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void theSameSeedGivesTheSameFaultsAtTheSameTimes() {
        assertThat(FaultPlan.plan(42, Duration.ofMinutes(20), Integer.MAX_VALUE))
                .isEqualTo(FaultPlan.plan(42, Duration.ofMinutes(20), Integer.MAX_VALUE))
                .isNotEqualTo(FaultPlan.plan(43, Duration.ofMinutes(20), Integer.MAX_VALUE));
    }

    @Test
    void twentyMinutesHaveAFaultEverySixtyToOneHundredTwentySecondsEveryKindInEachRound() {
        var plan = FaultPlan.plan(42, Duration.ofMinutes(20), Integer.MAX_VALUE);
        assertThat(plan).hasSizeBetween(10, 19);
        double before = 0;
        for (var f : plan) {
            assertThat(f.atSeconds() - before).isBetween(59.9, 120.1);
            assertThat(f.atSeconds()).isLessThan(1200);
            before = f.atSeconds();
        }
        var firstRound = plan.subList(0, 6).stream().map(FaultPlan.Fault::kind).toList();
        assertThat(firstRound).containsExactlyInAnyOrder(FaultPlan.Kind.values());
        assertThat(plan).extracting(FaultPlan.Fault::node).containsOnly(0, 1);
    }

    @Test
    void aShortSoakWithFaultsAskedForSpacesThemToFit() {
        var plan = FaultPlan.plan(7, Duration.ofMinutes(2), 2);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(1).atSeconds()).isLessThan(120);
        assertThat(plan.get(0).atSeconds()).isBetween(30.0, 50.0);
    }

    @Test
    void noMoreFaultsThanAskedFor() {
        assertThat(FaultPlan.plan(1, Duration.ofMinutes(20), 3)).hasSize(3);
        assertThat(FaultPlan.plan(1, Duration.ofMinutes(20), 0)).isEmpty();
        assertThat(Arrays.stream(FaultPlan.Kind.values()).map(k -> k.what)).doesNotContainNull();
    }
}

package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class NodesModelTest {

    private static final double E = 1e-6;

    /** Three nodes (node 0 holds the bot) over a 10 s window; cores per part. */
    private static final CpuWindow.Use IDLE = new CpuWindow.Use(10, List.of(0.05, 0.04, 0.06), 0.02, 0.01, 0.01, 0.02,
            0.3, 0.1, 5, 0);
    private static final CpuWindow.Use RATE = new CpuWindow.Use(10, List.of(0.65, 0.34, 0.36), 0.50, 0.04, 0.11, 0.12,
            2.0, 0.2, 3000, 0);

    private static NodesModel.Costs costs() {
        // node 0 accepted 400 shouts, the others 300 each; 1000 lines heard; pgbench 6000 commits/s
        return NodesModel.costs("r1", 100, RATE, IDLE, 0, List.of(400L, 300L, 300L), 1000, 6000);
    }

    @Test
    void theOtherNodesGiveTheCostOfAcceptingAndTheLeaderWhatSendingAddsBeyondItsOwnAccepts() {
        var k = costs();

        // others: (0.34 - 0.04) * 10 + (0.36 - 0.06) * 10 = 6 CPU-s for 600 shouts
        assertThat(k.accept()).isCloseTo(0.010, within(E));
        // leader: (0.65 - 0.05) * 10 = 6 CPU-s, of which 400 accepts took 4: 2 CPU-s for 1000 lines
        assertThat(k.send()).isCloseTo(0.002, within(E));
        // database: (0.50 + 0.04 - 0.02 - 0.01) * 10 = 5.1 CPU-s; chat: (0.11 - 0.01) * 10 = 1 CPU-s
        assertThat(k.database()).isCloseTo(0.0051, within(E));
        assertThat(k.chat()).isCloseTo(0.001, within(E));
        assertThat(k.harness()).isCloseTo(0.001, within(E));
        assertThat(k.commits()).isCloseTo(3.0, within(E));
        assertThat(k.idleStandby()).isCloseTo(0.05, within(E));
        assertThat(k.idleDatabase()).isCloseTo(0.03, within(E));
    }

    @Test
    void eachPartAllowsWhatFillsItsCoresAndTheSmallestBoundIsThePrediction() {
        var p = NodesModel.predict(costs(), 3, 2, 2);

        assertThat(p.leader()).isCloseTo(1.95 / (0.01 / 3 + 0.002), within(E)); // 365.6
        assertThat(p.eachOther()).isCloseTo(1.95 / (0.01 / 3), within(E)); // 585
        assertThat(p.databaseCpu()).isCloseTo(1.97 / 0.0051, within(E)); // 386.3
        assertThat(p.databaseCommits()).isCloseTo(2000, within(E));
        assertThat(p.chat()).isCloseTo(0.99 / 0.001, within(E)); // one core: Prosody runs one thread
        assertThat(p.throughput()).isCloseTo(p.leader(), within(E));
        assertThat(p.limit()).isEqualTo("the node holding the bot");
    }

    @Test
    void oneNodeDoesEverythingAndHasNoOthers() {
        var p = NodesModel.predict(costs(), 1, 2, 2);

        assertThat(p.leader()).isCloseTo(1.95 / 0.012, within(E)); // 162.5
        assertThat(p.eachOther()).isEqualTo(-1);
        assertThat(p.throughput()).isCloseTo(162.5, within(E));
    }

    @Test
    void withMoreNodesTheDatabaseBecomesTheLimitBelowTheLeadersCeiling() {
        var r = NodesModel.model(costs(), 2, 2, 2, 0.2, 80, "r1");

        assertThat(r.points()).extracting(NodesModel.Point::nodes).containsExactly(1, 2, 3, 4, 6, 8, 12, 16);
        assertThat(r.points().get(3).limit()).isEqualTo("the database's CPU"); // 4 nodes: leader 433 > database 386
        assertThat(r.databaseLimitFrom()).isEqualTo(4);
        assertThat(r.leaderCeiling()).isCloseTo(1.95 / 0.002, within(E)); // 975
        assertThat(r.databaseCeiling()).isCloseTo(1.97 / 0.0051, within(E));
        assertThat(r.points().get(7).throughput()).isCloseTo(r.databaseCeiling(), within(E));
    }

    @Test
    void onThisMachineEverythingSharesItsCoresLessTheNeighbours() {
        // idle 0.05 + 2 × 0.05 + 0.03 + 0.01 = 0.19 cores; 0.0191 CPU-s per message
        assertThat(NodesModel.shared(costs(), 2, 0.2)).isCloseTo((2 - 0.2 - 0.19) / 0.0191, within(E));
    }

    @Test
    void rolesCannotBeToldApartWithOneNodeOrNoLeader() {
        var one = new CpuWindow.Use(10, List.of(0.5), 0.5, 0.01, 0.1, 0.1, 1.2, 0, 100, 0);

        assertThat(NodesModel.costs("r0", 25, one, one, 0, List.of(250L), 250, 0)).isNull();
        assertThat(NodesModel.costs("r0", 25, RATE, IDLE, -1, List.of(400L, 300L, 300L), 1000, 0)).isNull();
    }
}

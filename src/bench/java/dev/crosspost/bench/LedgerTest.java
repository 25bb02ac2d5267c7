package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final long MS = 1_000_000L;

    private final Ledgers ledgers = new Ledgers("run1");
    private final Ledger ledger = ledgers.open("r0");

    private void sent(long seq, long dueMs, int status, long answeredMs) {
        ledger.due(seq, dueMs * MS, dueMs * MS);
        ledger.answered(seq, status, answeredMs * MS);
    }

    private void heard(long seq, long atMs) {
        ledgers.heard("[team] Admin: bench " + ledgers.token("r0", seq), atMs * MS);
    }

    @Test
    void countsDeliveredLostDuplicatedAndFailed() {
        sent(0, 0, 201, 5);
        sent(1, 10, 201, 15);
        sent(2, 20, 201, 25);
        sent(3, 30, 503, 31);
        sent(4, 40, 0, 0); // never answered
        heard(0, 20);
        heard(1, 40);
        heard(1, 41);
        ledgers.heard("bench " + new Token("otherrun", "r0", 2), 50 * MS);
        ledgers.heard("bench " + ledgers.token("r0", 99), 50 * MS);

        var t = ledger.tally();

        assertThat(t.sent()).isEqualTo(5);
        assertThat(t.accepted()).isEqualTo(3);
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.delivered()).isEqualTo(2);
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.duplicated()).isEqualTo(1);
        assertThat(t.strangers()).isEqualTo(1);
        assertThat(ledger.missing()).isEqualTo(1);
    }

    @Test
    void latencyRunsFromTheDueTimeToTheFirstTimeTheLineWasHeard() {
        for (int i = 0; i < 100; i++) {
            sent(i, i * 10L, 201, i * 10L + 2);
            heard(i, i * 10L + 1 + i); // 1 ms .. 100 ms
        }
        heard(50, 5000); // a late duplicate does not change the latency

        var t = ledger.tally();

        assertThat(t.delivery().count()).isEqualTo(100);
        assertThat(t.delivery().p50()).isBetween(50.0, 51.1);
        assertThat(t.delivery().p99()).isBetween(99.0, 100.1);
        assertThat(t.delivery().max()).isBetween(99.9, 100.1);
        assertThat(t.answer().p50()).isBetween(1.99, 2.01);
        assertThat(t.duplicated()).isEqualTo(1);
    }

    @Test
    void throughputIsPerSecondOfTheWindowsItCovers() {
        for (int i = 0; i < 11; i++) {
            sent(i, i * 100L, 201, i * 100L + 1);
            heard(i, i * 100L + 1000);
        }

        var t = ledger.tally();

        assertThat(t.offeredPerSecond()).isEqualTo(10.0);
        assertThat(t.deliveredPerSecond()).isEqualTo(5.5); // 11 lines from 0 s to 2 s
    }

    @Test
    void aPhaseWithNothingHeardHasNoLatency() {
        sent(0, 0, 201, 1);

        var t = ledger.tally();

        assertThat(t.delivery().count()).isZero();
        assertThat(t.lost()).isEqualTo(1);
    }

    @Test
    void aLineHeardAfterOneSentOnlyOnceItWasAcceptedIsOutOfOrder() {
        sent(0, 0, 201, 5);   // accepted at 5 ms
        sent(1, 10, 201, 15); // sent after 0 was accepted: owed after it
        sent(2, 12, 201, 14); // overlaps 1: either order is fine
        heard(1, 20);
        heard(2, 21);
        heard(0, 30);        // after 1, which was sent once 0 had been accepted

        var t = ledger.tally();

        assertThat(t.outOfOrder()).isEqualTo(1);
    }

    @Test
    void overlappingCallsHeardInEitherOrderAreInOrder() {
        sent(0, 0, 201, 20);
        sent(1, 10, 201, 15);
        heard(1, 16);
        heard(0, 21);

        assertThat(ledger.tally().outOfOrder()).isZero();
    }

    @Test
    void aCrashCountsWhatWasAcceptedBeforeItAndNotHeardYet() {
        sent(0, 0, 201, 5);
        sent(1, 10, 201, 15);
        sent(2, 20, 201, 25);
        sent(3, 30, -1, 40);   // the call died with the app
        sent(4, 50, 201, 55);  // after the restart
        heard(0, 8);           // before the kill at 30 ms
        heard(1, 100);         // after it
        heard(1, 101);         // and again
        heard(4, 60);

        var c = ledger.crash(30 * MS);

        assertThat(c.acceptedBefore()).isEqualTo(3);
        assertThat(c.unheardAtKill()).isEqualTo(2);
        assertThat(c.neverHeard()).isEqualTo(1);
        assertThat(c.lastHeardNanos()).isEqualTo(100 * MS);
        assertThat(ledgers.repeats()).isEqualTo(1);
    }

    @Test
    void theShoutsSentToOneNodeAreTalliedApart() {
        for (int i = 0; i < 6; i++) { // round robin over two nodes: even to the first, odd to the second
            sent(i, i * 10L, 201, i * 10L + 2);
            heard(i, i * 10L + (i % 2 == 0 ? 5 : 900));
        }
        sent(6, 60, 503, 61);

        var first = ledger.tally(seq -> RoundRobin.index(seq, 2) == 0);
        var second = ledger.tally(seq -> RoundRobin.index(seq, 2) == 1);

        assertThat(first.sent()).isEqualTo(4);
        assertThat(first.accepted()).isEqualTo(3);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.delivery().p50()).isBetween(4.9, 5.1);
        assertThat(second.accepted()).isEqualTo(3);
        assertThat(second.delivery().p50()).isBetween(899.0, 901.0);
        assertThat(ledger.tally().sent()).isEqualTo(7);
    }
}

package dev.crosspost.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The soak's faults, from its seed alone: one every 60-120 s (uniform), the kinds in rounds of all six, each round
 * in a shuffled order, so that a 20-minute soak has about two of each and one seed always gives the same run. When
 * {@code --faults N} asks for more than fit with 60 s gaps, the gaps shrink to the soak's length over N + 1, ±25 %.
 * {@code node} (0 or 1) is the node a {@code kill -9} hits; the other faults hit the node holding the bot, whichever
 * it is then.
 */
final class FaultPlan {

    enum Kind {
        KILL("kill -9 of a node, restarted at once"),
        POSTGRES_RESTART("PostgreSQL restart"),
        PROSODY_RESTART("Prosody restart"),
        DB_CUT("the bot holder's database connection cut for 20 s"),
        SIGSTOP("SIGSTOP of the bot holder for 15 s"),
        RETRY("Cockpit's Retry of an incident while its row is pending");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    record Fault(int index, double atSeconds, Kind kind, int node) {
    }

    static final double MIN_GAP = 60, MAX_GAP = 120;

    private FaultPlan() {
    }

    static List<Fault> plan(long seed, Duration soak, int maxFaults) {
        var random = new Random(seed);
        double length = soak.toMillis() / 1000.0;
        double min = MIN_GAP, max = MAX_GAP;
        if (maxFaults != Integer.MAX_VALUE && maxFaults > 0 && maxFaults * MIN_GAP >= length) {
            double gap = length / (maxFaults + 1);
            min = gap * 0.75;
            max = gap * 1.25;
        }
        var faults = new ArrayList<Fault>();
        var round = new ArrayList<Kind>();
        double at = 0;
        while (faults.size() < maxFaults) {
            at += min + random.nextDouble() * (max - min);
            if (at >= length) {
                break;
            }
            if (round.isEmpty()) {
                round.addAll(List.of(Kind.values()));
                Collections.shuffle(round, random);
            }
            faults.add(new Fault(faults.size() + 1, Math.round(at * 10) / 10.0, round.remove(0), random.nextInt(2)));
        }
        return faults;
    }
}

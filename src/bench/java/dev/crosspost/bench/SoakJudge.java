package dev.crosspost.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's verdict on one target (the room, the shoutbox, one subscriber's mail or SMS): which acknowledged
 * messages never arrived there, which arrived more than once, and which arrived out of order. Out of order, as in
 * {@link Ledger#outOfOrder()}: a message that arrived (first) after one whose call the harness only started once
 * this one had been acknowledged; calls that overlapped have no order the harness can know.
 */
final class SoakJudge {

    private SoakJudge() {
    }

    /** One message owed to the target: its id, when its call started and when it was acknowledged (nanoTime). */
    record Owed(String id, long startNanos, long ackNanos) {
    }

    /**
     * {@code strangers}: arrivals of ids nobody owed (messages that were not acknowledged, say a call that failed
     * after the server took it, are not owed; they count here and do not make a verdict fail).
     */
    record Verdict(String target, boolean ordered, long owed, long arrived, List<String> lost, List<String> doubled,
                   List<String> reordered, long strangers) {

        /** Nothing lost or doubled, and nothing out of order where the target's order is owed. */
        boolean clean() {
            return lost.isEmpty() && doubled.isEmpty() && (!ordered || reordered.isEmpty());
        }
    }

    /** {@code arrivals}: the ids in the order the target got them, repeats included; the order is owed. */
    static Verdict judge(String target, List<Owed> owed, List<String> arrivals) {
        return judge(target, true, owed, arrivals);
    }

    /**
     * As above; {@code ordered} false: the order is reported, not owed (mail and SMS: each node sends those it
     * accepted, so two nodes' sends to one address interleave as they go).
     */
    static Verdict judge(String target, boolean ordered, List<Owed> owed, List<String> arrivals) {
        Map<String, Owed> byId = new LinkedHashMap<>();
        owed.forEach(o -> byId.put(o.id(), o));
        Map<String, Integer> seen = new HashMap<>();
        var doubled = new ArrayList<String>();
        var reordered = new ArrayList<String>();
        long strangers = 0;
        long latestStart = Long.MIN_VALUE;
        for (String id : arrivals) {
            Owed o = byId.get(id);
            if (o == null) {
                strangers++;
                continue;
            }
            int n = seen.merge(id, 1, Integer::sum);
            if (n == 2) {
                doubled.add(id);
            }
            if (n > 1) {
                continue;
            }
            if (latestStart > o.ackNanos()) {
                reordered.add(id);
            }
            latestStart = Math.max(latestStart, o.startNanos());
        }
        var lost = byId.keySet().stream().filter(id -> !seen.containsKey(id)).toList();
        return new Verdict(target, ordered, byId.size(), seen.size(), lost, doubled, reordered, strangers);
    }
}

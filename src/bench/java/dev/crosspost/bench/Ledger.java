package dev.crosspost.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * The book of one phase: when each message was due and sent, how its send ended and when (and how often) it
 * was heard at the other end. Thread-safe: the sender, the HTTP client's threads and the listener write to it.
 * Times are {@link System#nanoTime()} of this JVM.
 */
final class Ledger {

    private final String phase;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong strangers = new AtomicLong();

    Ledger(String phase) {
        this.phase = phase;
    }

    String phase() {
        return phase;
    }

    /** One message. {@code status}: HTTP status, 0 while open, -1 for a failed call. */
    static final class Entry {
        final long dueNanos;
        volatile long startNanos;
        volatile long answeredNanos;
        volatile int status;
        volatile long firstHeardNanos;
        final AtomicLong heard = new AtomicLong();

        Entry(long dueNanos) {
            this.dueNanos = dueNanos;
        }
    }

    void due(long seq, long dueNanos, long startNanos) {
        Entry e = new Entry(dueNanos);
        e.startNanos = startNanos;
        entries.put(seq, e);
    }

    void answered(long seq, int status, long nanos) {
        Entry e = entries.get(seq);
        if (e != null) {
            e.answeredNanos = nanos;
            e.status = status;
        }
    }

    /**
     * A line heard at the other end; a sequence number this ledger never sent counts as a stranger.
     * @return whether this message had been heard before (a repeat)
     */
    boolean heard(long seq, long nanos) {
        Entry e = entries.get(seq);
        if (e == null) {
            strangers.incrementAndGet();
            return false;
        }
        if (e.heard.getAndIncrement() == 0) {
            e.firstHeardNanos = nanos;
            return false;
        }
        return true;
    }

    /** The accepted (2xx) messages, as the soak's judge owes them: id {@code <phase>:<seq>}, call start, answer. */
    java.util.List<SoakJudge.Owed> owed() {
        return entries.entrySet().stream().filter(x -> accepted(x.getValue()))
                .sorted(Map.Entry.comparingByKey())
                .map(x -> new SoakJudge.Owed(phase + ":" + x.getKey(), x.getValue().startNanos,
                        x.getValue().answeredNanos)).toList();
    }

    /** Accepted messages answered between {@code fromNanos} and {@code toNanos}. */
    long acceptedBetween(long fromNanos, long toNanos) {
        return entries.values().stream().filter(e -> accepted(e) && e.answeredNanos >= fromNanos
                && e.answeredNanos < toNanos).count();
    }

    /** When message {@code seq} was answered ({@link System#nanoTime()}; 0 when unknown). */
    long answeredNanos(long seq) {
        Entry e = entries.get(seq);
        return e == null ? 0 : e.answeredNanos;
    }

    int size() {
        return entries.size();
    }

    /** Accepted (2xx) messages not heard yet. */
    long missing() {
        return entries.values().stream().filter(e -> accepted(e) && e.heard.get() == 0).count();
    }

    private static boolean accepted(Entry e) {
        return e.status >= 200 && e.status < 300;
    }

    /** The figures of this phase; latency is measured from the moment each call was due. */
    Tally tally() {
        return tally(seq -> true);
    }

    /**
     * The figures of the messages of this phase whose sequence number {@code which} accepts (with several nodes: those
     * sent to one node); latency is measured from the moment each call was due.
     */
    Tally tally(java.util.function.LongPredicate which) {
        var delivery = new Histogram(3_600_000_000L, 3);
        var answer = new Histogram(3_600_000_000L, 3);
        long sent = 0, accepted = 0, failed = 0, delivered = 0, lost = 0, duplicated = 0, heardUnaccepted = 0;
        long firstDue = Long.MAX_VALUE, lastDue = Long.MIN_VALUE, lastHeard = Long.MIN_VALUE, maxLag = 0;
        for (var entry : entries.entrySet()) {
            if (!which.test(entry.getKey())) {
                continue;
            }
            Entry e = entry.getValue();
            sent++;
            firstDue = Math.min(firstDue, e.dueNanos);
            lastDue = Math.max(lastDue, e.dueNanos);
            maxLag = Math.max(maxLag, e.startNanos - e.dueNanos);
            boolean ok = accepted(e);
            long heard = e.heard.get();
            if (ok) {
                accepted++;
                answer.recordValue(micros(e.answeredNanos - e.dueNanos));
            } else if (e.status != 0) {
                failed++;
            }
            if (heard > 0) {
                delivered++;
                delivery.recordValue(micros(e.firstHeardNanos - e.dueNanos));
                lastHeard = Math.max(lastHeard, e.firstHeardNanos);
                if (!ok) {
                    heardUnaccepted++;
                }
            } else if (ok) {
                lost++;
            }
            if (heard > 1) {
                duplicated++;
            }
        }
        double sendSeconds = sent < 2 ? 0 : (lastDue - firstDue) / 1e9;
        double deliverySeconds = delivered == 0 ? 0 : (lastHeard - firstDue) / 1e9;
        return new Tally(phase, sent, accepted, failed, delivered, lost, duplicated, outOfOrder(which), heardUnaccepted,
                strangers.get(), sendSeconds, deliverySeconds, maxLag / 1_000_000.0, Latency.of(answer),
                Latency.of(delivery));
    }

    /**
     * Lines heard out of order: accepted messages heard (the first time) after a line whose call the harness only
     * started once this message's call had been answered. Crosspost accepted this one first, so it owed it first.
     * Calls that overlapped have no order the harness can know, and never count.
     */
    long outOfOrder() {
        return outOfOrder(seq -> true);
    }

    /** As {@link #outOfOrder()}, among the messages whose sequence number {@code which} accepts. */
    long outOfOrder(java.util.function.LongPredicate which) {
        var heard = entries.entrySet().stream().filter(x -> which.test(x.getKey())).map(Map.Entry::getValue)
                .filter(e -> e.heard.get() > 0)
                .sorted(java.util.Comparator.comparingLong(e -> e.firstHeardNanos)).toList();
        long count = 0;
        long latestStartHeard = Long.MIN_VALUE;
        for (Entry e : heard) {
            if (accepted(e) && latestStartHeard > e.answeredNanos) {
                count++;
            }
            latestStartHeard = Math.max(latestStartHeard, e.startNanos);
        }
        return count;
    }

    /**
     * Around a crash at {@code killNanos}: of the messages accepted before it, how many were not heard yet when it
     * happened, how many are still not heard, and when the last of them was heard ({@code 0}: none was heard after
     * the kill).
     */
    Crash crash(long killNanos) {
        long acceptedBefore = 0, inFlight = 0, lost = 0, lastHeard = 0;
        for (Entry e : entries.values()) {
            if (!accepted(e) || e.answeredNanos >= killNanos) {
                continue;
            }
            acceptedBefore++;
            boolean heard = e.heard.get() > 0;
            if (!heard || e.firstHeardNanos >= killNanos) {
                inFlight++;
                if (heard) {
                    lastHeard = Math.max(lastHeard, e.firstHeardNanos);
                } else {
                    lost++;
                }
            }
        }
        return new Crash(acceptedBefore, inFlight, lost, lastHeard);
    }

    record Crash(long acceptedBefore, long unheardAtKill, long neverHeard, long lastHeardNanos) {
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1000);
    }

    /** The counts of one phase. Throughputs are per second over the send window / first send → last line heard. */
    record Tally(String phase, long sent, long accepted, long failed, long delivered, long lost, long duplicated,
                 long outOfOrder, long heardUnaccepted, long strangers, double sendSeconds, double deliverySeconds,
                 double maxSenderLagMs, Latency answer, Latency delivery) {

        double offeredPerSecond() {
            return sendSeconds <= 0 ? sent : (sent - 1) / sendSeconds;
        }

        double deliveredPerSecond() {
            return deliverySeconds <= 0 ? delivered : delivered / deliverySeconds;
        }
    }

    /** Percentiles in milliseconds; {@code count == 0} when nothing was measured. */
    record Latency(long count, double p50, double p90, double p99, double max) {

        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }
}

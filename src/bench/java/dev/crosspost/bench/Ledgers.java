package dev.crosspost.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Routes every line heard to the ledger of its token's phase; lines of other runs and untokened lines are ignored. */
final class Ledgers {

    private final String run;
    private final Map<String, Ledger> byPhase = new ConcurrentHashMap<>();
    private final AtomicLong lastHeardNanos = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();

    Ledgers(String run) {
        this.run = run;
    }

    String run() {
        return run;
    }

    Ledger open(String phase) {
        var ledger = new Ledger(phase);
        if (byPhase.putIfAbsent(phase, ledger) != null) {
            throw new IllegalArgumentException("phase " + phase + " already open");
        }
        return ledger;
    }

    Token token(String phase, long seq) {
        return new Token(run, phase, seq);
    }

    void heard(String line, long nanos) {
        Token.find(line).filter(t -> t.run().equals(run)).ifPresent(t -> {
            lastHeardNanos.set(nanos);
            Ledger ledger = byPhase.get(t.phase());
            if (ledger != null && ledger.heard(t.seq(), nanos)) {
                repeats.incrementAndGet();
            }
        });
    }

    /** Lines of this run heard again after their first time, any phase, since the start. */
    long repeats() {
        return repeats.get();
    }

    /** When the last line of this run was heard (any phase), {@link System#nanoTime()}. */
    long lastHeardNanos() {
        return lastHeardNanos.get();
    }
}

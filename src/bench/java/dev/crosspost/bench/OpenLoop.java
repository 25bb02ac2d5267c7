package dev.crosspost.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * A constant arrival rate: message {@code i} is due at {@code start + i / rate} whatever happened to the ones
 * before it, so a slow server shows up as latency instead of being hidden by a sender that waits. The calling
 * thread is the scheduler; {@link Send} must hand the message over without waiting for an answer.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    interface Send {
        /** Sends message {@code seq}, which was due at {@code dueNanos} ({@link System#nanoTime()}). */
        void send(long seq, long dueNanos);
    }

    static void run(double perSecond, long count, Send send) {
        run(perSecond, count, () -> true, send);
    }

    /** As {@link #run(double, long, Send)}, stopping early once {@code goOn} says no. */
    static void run(double perSecond, long count, java.util.function.BooleanSupplier goOn, Send send) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        double periodNanos = 1e9 / perSecond;
        long start = System.nanoTime() + 5_000_000L;
        for (long i = 0; i < count && goOn.getAsBoolean(); i++) {
            long due = start + (long) (i * periodNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send.send(i, due);
        }
    }

    /** How many messages a phase of {@code seconds} at {@code perSecond} sends (at least one). */
    static long count(double perSecond, double seconds) {
        return Math.max(1, Math.round(perSecond * seconds));
    }
}

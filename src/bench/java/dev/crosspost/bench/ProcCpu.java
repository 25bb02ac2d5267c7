package dev.crosspost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of processes, from Linux's {@code /proc/<pid>/stat}: user + system time of all the process's threads, in
 * clock ticks ({@code getconf CLK_TCK}, 100 nearly everywhere). Read at the start and the end of a phase, the
 * difference over the phase's wall time is the cores the process used.
 */
final class ProcCpu {

    /** Clock ticks per second of {@code /proc}'s times. */
    static final double TICKS_PER_SECOND = clockTicks();

    private ProcCpu() {
    }

    /**
     * utime + stime in ticks from the text of {@code /proc/<pid>/stat}, or -1 when it is not such a line. The second
     * field, the command name in parentheses, may itself hold spaces and parentheses: the fields are counted after its
     * last closing parenthesis (state is field 3; utime and stime are fields 14 and 15).
     */
    static long ticks(String stat) {
        int close = stat == null ? -1 : stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length < 13) {
            return -1;
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The CPU ticks process {@code pid} has used so far, or -1 when it is gone or its file cannot be read. */
    static long ticks(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This JVM's own CPU ticks (the harness: its sender, HTTP client and listener). */
    static long self() {
        return ticks(ProcessHandle.current().pid());
    }

    /**
     * Cores used between two readings of one process: {@code (after - before)} ticks over {@code seconds} of wall
     * time; -1 when either reading is missing.
     */
    static double cores(long before, long after, double seconds) {
        if (before < 0 || after < 0 || seconds <= 0) {
            return -1;
        }
        return (after - before) / TICKS_PER_SECOND / seconds;
    }

    /**
     * CPU seconds a set of processes used between two readings ({@code pid → ticks}): a process in both counts its
     * difference, one only in {@code after} (started meanwhile) all of its time; one only in {@code before} ended
     * meanwhile and its last stretch is unknown: it is counted in {@code gone}. {@code counted}: processes read at
     * the end (0 while there were some: {@code /proc} could not be read, the seconds mean nothing).
     */
    static Delta delta(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        int counted = 0;
        for (var e : after.entrySet()) {
            if (e.getValue() < 0) {
                continue;
            }
            counted++;
            Long was = before.get(e.getKey());
            ticks += was == null || was < 0 ? e.getValue() : Math.max(0, e.getValue() - was);
        }
        int gone = (int) before.keySet().stream().filter(pid -> !after.containsKey(pid) || after.get(pid) < 0).count();
        return new Delta(ticks / TICKS_PER_SECOND, counted, gone);
    }

    /**
     * CPU seconds of a set of processes over a window, how many were read at its end, and how many ended within it
     * (their last stretch not counted).
     */
    record Delta(double seconds, int counted, int gone) {
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
                return Double.parseDouble(out);
            }
        } catch (IOException e) {
            // not Linux: no /proc either, every reading is -1
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}

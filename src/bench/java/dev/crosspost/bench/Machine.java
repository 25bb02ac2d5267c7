package dev.crosspost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = firstValue("/proc/cpuinfo", "model name");
        String mem = firstValue("/proc/meminfo", "MemTotal");
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu == null ? "" : " (" + cpu + ")")
                + (mem == null ? "" : ", " + Math.round(Long.parseLong(mem.replaceAll("\\D", "")) / 1024.0 / 1024.0)
                + " GB RAM") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static String java() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    /**
     * How busy the machine's cores are over {@code window}, from {@code /proc/stat} (1.0 = every core busy); -1 when
     * unavailable. Taken before anything of the benchmark runs, it is what the neighbours use.
     */
    static double busyShare(java.time.Duration window) {
        long[] before = cpuTimes();
        java.util.concurrent.locks.LockSupport.parkNanos(window.toNanos());
        long[] after = cpuTimes();
        if (before == null || after == null || after[1] == before[1]) {
            return -1;
        }
        return Math.round(100.0 * (after[0] - before[0]) / (after[1] - before[1])) / 100.0;
    }

    /** {busy, total} jiffies of all cores; iowait counts as idle. */
    static long[] cpuTimes() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The load average and how busy the cores were over the next 5 s, for the notes. */
    static String busyNow() {
        double busy = busyShare(java.time.Duration.ofSeconds(5));
        return "load average " + loadAverage() + "; cores busy over 5 s: "
                + (busy < 0 ? "n/a" : Math.round(busy * 100) + " %");
    }

    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown commit";
        } catch (IOException e) {
            return "unknown commit";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown commit";
        }
    }

    private static String firstValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.crosspost.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What limits Crosspost during a rate: once a second, from {@code /actuator/prometheus}, the CPU of the process and
 * of the machine, and the connection pool (threads waiting for a connection, connections in use).
 */
final class Sampler implements AutoCloseable {

    private final AdminHttp admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Stats stats = new Stats();

    Sampler(AdminHttp admin) {
        this.admin = admin;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        String text = admin.prometheus();
        if (text != null) {
            synchronized (stats) {
                stats.add(text);
            }
        }
    }

    /** Stops sampling and returns what was seen. */
    Limits stop() {
        timer.shutdownNow();
        synchronized (stats) {
            return stats.limits();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * Averages and maxima over the samples: CPU as a share of all cores (1.0 = every core busy), pending = threads
     * waiting for a pooled connection. -1 where the metric was missing.
     */
    record Limits(int samples, double processCpu, double systemCpu, double maxPending, double meanPending,
                  double maxActive, double poolSize) {
    }

    static final class Stats {
        private int samples;
        private double processCpu, systemCpu, pending, maxPending = -1, maxActive = -1, poolSize = -1;
        private int cpuSamples, systemSamples, pendingSamples;

        void add(String prometheus) {
            samples++;
            double p = value(prometheus, "process_cpu_usage");
            double s = value(prometheus, "system_cpu_usage");
            double pend = value(prometheus, "hikaricp_connections_pending");
            if (p >= 0) {
                processCpu += p;
                cpuSamples++;
            }
            if (s >= 0) {
                systemCpu += s;
                systemSamples++;
            }
            if (pend >= 0) {
                pending += pend;
                pendingSamples++;
                maxPending = Math.max(maxPending, pend);
            }
            maxActive = Math.max(maxActive, value(prometheus, "hikaricp_connections_active"));
            poolSize = Math.max(poolSize, value(prometheus, "hikaricp_connections_max"));
        }

        Limits limits() {
            return new Limits(samples, mean(processCpu, cpuSamples), mean(systemCpu, systemSamples), maxPending,
                    mean(pending, pendingSamples), maxActive, poolSize);
        }

        private static double mean(double sum, int n) {
            return n == 0 ? -1 : Math.round(sum / n * 100) / 100.0;
        }
    }

    /** The sum of a metric's series (all pools), or -1 when it is not there. */
    static double value(String prometheus, String metric) {
        var m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? (\\S+)$").matcher(prometheus);
        double sum = 0;
        boolean any = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
            any = true;
        }
        return any ? sum : -1;
    }
}

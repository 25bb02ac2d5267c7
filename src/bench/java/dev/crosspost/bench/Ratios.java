package dev.crosspost.bench;

import java.util.Locale;

/** Crosspost's figures as multiples of the baselines: how much of the machine's own limits it reaches. */
final class Ratios {

    private Ratios() {
    }

    static String markdown(Results r) {
        var md = new StringBuilder("| rate/s | delivered/s ÷ pgbench 1 client | ÷ pgbench 8 clients | ÷ bare Smack burst "
                + "| p50 ÷ bare Smack p50 | p99 ÷ bare Smack p99 | delivered/s ÷ Camunda alone, same flow shape |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        double pg1 = pg(r, 1), pg8 = pg(r, 8);
        var s = r.smack();
        var camunda = sameShape(r);
        for (var rate : r.rates()) {
            var d = rate.tally().delivery();
            md.append(Report.row(Report.num(rate.rate()), ratio(rate.deliveredPerSecond(), pg1),
                    ratio(rate.deliveredPerSecond(), pg8),
                    ratio(rate.deliveredPerSecond(), s == null ? 0 : s.burstPerSecond()),
                    times(d.count(), d.p50(), s == null ? 0 : s.pacedLatency().p50()),
                    times(d.count(), d.p99(), s == null ? 0 : s.pacedLatency().p99()),
                    ratio(rate.deliveredPerSecond(), camunda == null ? 0 : camunda.flowsPerSecond())));
        }
        if (camunda != null) {
            md.append("\nSame flow shape: ").append(camunda.variant()).append(".\n");
        }
        return md.toString();
    }

    /**
     * The Camunda-alone variant of the shape the measured build ships: the outbox shape when its database has an
     * outbox table, the job shape before it; {@code null} without that baseline.
     */
    static CamundaBaseline.Result sameShape(Results r) {
        boolean outbox = r.rates().stream().anyMatch(rate -> rate.before() != null && rate.before().outbox() >= 0);
        String shape = outbox ? "outbox" : "job";
        return r.camunda().stream().filter(c -> shape.equals(c.shape())).findFirst().orElse(null);
    }

    static double pg(Results r, int clients) {
        if (r.pgbench() == null) {
            return 0;
        }
        return r.pgbench().points().stream().filter(p -> p.clients() == clients)
                .mapToDouble(PgBench.Point::commitsPerSecond).findFirst().orElse(0);
    }

    /** {@code a / b} as a percentage, or n/a without a baseline. */
    static String ratio(double a, double b) {
        return b <= 0 || a < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * a / b);
    }

    /** {@code a / b} as a factor ("×"), or n/a without a measurement or baseline. */
    static String times(long count, double a, double b) {
        return count == 0 || b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.0f×", a / b);
    }
}

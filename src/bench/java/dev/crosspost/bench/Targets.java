package dev.crosspost.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets of issue 11, checked against one run's figures: met, not met, or not measured (a rate that was not
 * run, a baseline that was skipped). The README copies the table of the run it reports.
 */
final class Targets {

    private Targets() {
    }

    record Target(String target, String measured, String verdict) {
    }

    static List<Target> check(Results r) {
        var targets = new ArrayList<Target>();
        var best = r.rates().stream().filter(Results.Rate::keptUp).mapToDouble(Results.Rate::rate).max();
        targets.add(new Target("≥ 300 msgs/s sustained (0 lost, 0 doubled)",
                best.isPresent() ? "highest rate sustained: " + Report.num(best.getAsDouble()) + "/s" : "no rate sustained",
                verdict(best.isPresent() && best.getAsDouble() >= 300,
                        highestRun(r) >= 300 || r.rates().stream().anyMatch(x -> !x.keptUp()))));
        var camunda = Ratios.sameShape(r);
        double delivered = r.rates().stream().filter(x -> x.tally().lost() == 0 && x.tally().duplicated() == 0)
                .mapToDouble(Results.Rate::deliveredPerSecond).max().orElse(-1);
        double share = camunda == null || delivered <= 0 ? -1 : delivered / camunda.flowsPerSecond();
        targets.add(new Target("≥ 0.75 × Camunda alone, same flow shape, same run",
                share < 0 ? "n/a" : String.format(Locale.ROOT, "%s/s ÷ %s/s = %.2f", Report.num(delivered),
                        Report.num(camunda.flowsPerSecond()), share), verdict(share >= 0.75, share >= 0)));
        targets.add(latency(r, 150, "p99 < 250 ms at 150/s", true, 250));
        targets.add(latency(r, 25, "p50 < 20 ms at 25/s", false, 20));
        return targets;
    }

    private static Target latency(Results r, double rate, String target, boolean p99, double limitMs) {
        var row = r.rates().stream().filter(x -> x.rate() == rate).findFirst();
        if (row.isEmpty() || row.get().tally().delivery().count() == 0) {
            return new Target(target, "not measured", "not measured");
        }
        var d = row.get().tally().delivery();
        double ms = p99 ? d.p99() : d.p50();
        return new Target(target, (p99 ? "p99 " : "p50 ") + Report.ms(ms) + " ms", verdict(ms < limitMs, true));
    }

    private static double highestRun(Results r) {
        return r.rates().stream().mapToDouble(Results.Rate::rate).max().orElse(0);
    }

    private static String verdict(boolean met, boolean measured) {
        return met ? "met" : measured ? "not met" : "not measured";
    }

    static String markdown(Results r) {
        var md = new StringBuilder("## Targets (issue 11)\n\n| target | this run | |\n|---|---|---|\n");
        check(r).forEach(t -> md.append(Report.row(t.target(), t.measured(), t.verdict())));
        return md.append("\n").toString();
    }
}

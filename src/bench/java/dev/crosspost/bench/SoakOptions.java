package dev.crosspost.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --soak DURATION}: what the soak adds to the benchmark's options (the rest, {@code --pg-*}, {@code --heap},
 * {@code --out}, {@code --database}, go to {@link BenchOptions}). {@code pgData}: the data directory of the
 * PostgreSQL to restart ({@code pg_ctl -D}); {@code null}: the machine's cluster ({@code pg_ctlcluster 15 main}).
 */
record SoakOptions(Duration duration, int maxFaults, double shoutRate, double roomRate, double dmRate, long seed,
                   Path pgData, int members, BenchOptions bench) {

    static final String USAGE = """
              --soak 20m           the soak: two nodes under steady traffic with a fault every 60-120 s (m, s or h)
              --faults N           at most N faults (default: as many as fit); gaps shrink to fit N into a short soak
              --soak-rate 50       shouts/s          --soak-room-rate 2  room lines/s   --soak-dm-rate 1  direct messages/s
              --seed S             the fault order and times (default: the clock; the report says which)
              --pg-data DIR        restart the PostgreSQL of this data directory (pg_ctl, as its owner) instead of
                                   the machine's cluster (pg_ctlcluster 15 main restart): use a private one while
                                   other people's tests share the machine's
            """;

    static boolean wanted(String... args) {
        return List.of(args).contains("--soak");
    }

    static SoakOptions parse(String... args) {
        Duration duration = Duration.ofMinutes(20);
        int faults = Integer.MAX_VALUE;
        double shouts = 50, room = 2, dm = 1;
        long seed = System.currentTimeMillis() % 1_000_000;
        Path pgData = null;
        List<String> rest = new ArrayList<>(List.of("--pgbench-seconds", "0", "--camunda-seconds", "0",
                "--nodes", "2"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            boolean ours = List.of("--soak", "--faults", "--soak-rate", "--soak-room-rate", "--soak-dm-rate", "--seed",
                    "--pg-data").contains(a);
            if (!ours) {
                rest.add(a);
                continue;
            }
            if (v == null) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            i++;
            switch (a) {
                case "--soak" -> duration = duration(v);
                case "--faults" -> faults = Integer.parseInt(v);
                case "--soak-rate" -> shouts = Double.parseDouble(v);
                case "--soak-room-rate" -> room = Double.parseDouble(v);
                case "--soak-dm-rate" -> dm = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> pgData = Path.of(v);
            }
        }
        if (shouts <= 0 || room < 0 || dm < 0 || faults < 0) {
            throw new IllegalArgumentException("--soak-rate must be positive, the other rates and --faults 0 or more");
        }
        var bench = BenchOptions.parse(rest.toArray(String[]::new));
        if (!rest.contains("--out")) {
            bench = bench.withOut(Path.of("src/bench/results"));
        }
        return new SoakOptions(duration, faults, shouts, room, dm, seed, pgData, 4, bench);
    }

    /** {@code 20m}, {@code 90s}, {@code 1h}, or plain seconds. */
    static Duration duration(String v) {
        var m = java.util.regex.Pattern.compile("(\\d+)([smh]?)").matcher(v.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--soak wants a duration like 20m, 90s or 1h, not '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}

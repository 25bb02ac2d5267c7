package dev.crosspost.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What to run. {@code --quick} is a few seconds at tiny rates, to see that everything works; the defaults are the
 * real measurement. Every value can be set: {@code --rates 100,500 --seconds 60 --drain 180 --out DIR ...}.
 */
record BenchOptions(boolean quick, List<Double> rates, double seconds, double warmupRate, double warmupSeconds,
                    double drainSeconds, boolean stopOnLoss, double roomRate, double roomSeconds, double hookRate,
                    double hookSeconds, long burstLines,
                    double pacedRate, double pacedSeconds, int pgbenchSeconds, double camundaSeconds, double crashRate,
                    double crashSeconds, Path out,
                    String database,
                    boolean keepDatabase, String pgHost, int pgPort, String pgUser, String pgPassword,
                    String crosspostHeap, int startTimeoutSeconds, int nodes, int nodePool, double profileRate,
                    boolean cds) {

    static final String USAGE = """
            Crosspost benchmark: ./mvnw -B -Pbench verify -Dbench.args="OPTIONS"   (--help: this text)
              --render DIR         only write DIR/results.md again from DIR/results.json (this harness's tables)
              --quick              a few seconds at tiny rates (writes to target/bench unless --out)
              --rates 25,150,...   shout rates in messages/s        --seconds 30   per rate
              --warmup-rate 40     --warmup-seconds 60              --drain 120    seconds to wait for late lines
              --no-stop-on-loss    go on with higher rates after one Crosspost did not sustain (they then measure its backlog)
              --room-rate 100      --room-seconds 10                the room -> shoutbox direction
              --hook-rate 50       --hook-seconds 10                an incoming webhook -> the room (0: skip)
              --burst 20000        --paced-rate 200 --paced-seconds 10   the bare Smack baseline
              --camunda-seconds 20 Camunda alone (0: skip)          --camunda-only  just that baseline
              --crash-rate 150     --crash-seconds 20               kill -9 under load after that long, restart,
                                                                    that long again (--crash-rate 0: skip)
              --pgbench-seconds 10 the database's commit rate (0: skip)
              --out DIR (default src/bench/results)  --database crosspost_bench  --keep-db
              --pg-host 127.0.0.1  --pg-port 5432  --pg-user postgres  --pg-password postgres  --heap 512m
              --start-timeout 180  seconds a start of Crosspost may take (a loaded machine needs more)
              --nodes N            N >= 2: N Crosspost nodes (own JVMs, one database, one Prosody) behind a
                                   round-robin client: throughput, CPU per node and per role, the database's CPU,
                                   and a model of N nodes on cores of their own; writes nodes.{json,md}, not
                                   results.*; no Smack baseline, room direction or crash run (1: the run above)
              --profile-rate 150   a JFR recording of Crosspost in a phase of that shout rate after the measured
                                   ones, summarised per layer in results.md (0: none; the .jfr stays in
                                   target/bench-run/)
              --no-cds             start Crosspost from the plain jar (default: extracted, with a class data sharing
                                   archive from a training start, as docker/Dockerfile does; made once per jar in
                                   target/bench-cds/)
              --node-pool 20       each node's connection pool maximum with --nodes (the shipped 40 each would
                                   exceed a shared PostgreSQL's 100 connections)
            """;

    static BenchOptions parse(String... args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        var o = quick
                ? new BenchOptions(true, List.of(5.0, 20.0), 3, 0, 0, 30, false, 5, 2, 5, 2, 200, 20, 2, 2, 3, 10, 3,
                        Path.of("target/bench"), "crosspost_bench", false, "127.0.0.1", 5432, "postgres", "postgres",
                        "-Xmx512m", 180, 1, 20, 0, true)
                : new BenchOptions(false, List.of(25.0, 150.0, 300.0, 450.0, 600.0, 900.0), 30, 40, 60, 120, true, 100,
                        10, 50, 10, 20_000, 200, 10, 10, 20, 150, 20, Path.of("src/bench/results"), "crosspost_bench", false, "127.0.0.1", 5432,
                        "postgres", "postgres", "-Xmx512m", 180, 1, 20, 150, true);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            o = switch (a) {
                case "--quick" -> o;
                case "--no-stop-on-loss" -> o.with(b -> b.stopOnLoss = false);
                case "--keep-db" -> o.with(b -> b.keepDatabase = true);
                case "--no-cds" -> o.with(b -> b.cds = false);
                default -> {
                    if (v == null || !a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown or incomplete option '" + a + "'\n" + USAGE);
                    }
                    i++;
                    yield o.with(a, v);
                }
            };
        }
        if (o.pgbenchSeconds < 0) {
            throw new IllegalArgumentException("--pgbench-seconds must be 0 (skip) or more");
        }
        if (o.nodes < 1 || o.nodePool < 2) {
            throw new IllegalArgumentException("--nodes must be at least 1 and --node-pool at least 2");
        }
        if (!o.database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain lower-case name");
        }
        return o;
    }

    private BenchOptions with(String option, String v) {
        return with(b -> {
            switch (option) {
                case "--rates" -> b.rates = Arrays.stream(v.split(",")).map(String::trim).map(Double::valueOf).toList();
                case "--seconds" -> b.seconds = Double.parseDouble(v);
                case "--warmup-rate" -> b.warmupRate = Double.parseDouble(v);
                case "--warmup-seconds" -> b.warmupSeconds = Double.parseDouble(v);
                case "--drain" -> b.drainSeconds = Double.parseDouble(v);
                case "--room-rate" -> b.roomRate = Double.parseDouble(v);
                case "--room-seconds" -> b.roomSeconds = Double.parseDouble(v);
                case "--hook-rate" -> b.hookRate = Double.parseDouble(v);
                case "--hook-seconds" -> b.hookSeconds = Double.parseDouble(v);
                case "--burst" -> b.burstLines = Long.parseLong(v);
                case "--paced-rate" -> b.pacedRate = Double.parseDouble(v);
                case "--paced-seconds" -> b.pacedSeconds = Double.parseDouble(v);
                case "--pgbench-seconds" -> b.pgbenchSeconds = Integer.parseInt(v);
                case "--camunda-seconds" -> b.camundaSeconds = Double.parseDouble(v);
                case "--crash-rate" -> b.crashRate = Double.parseDouble(v);
                case "--crash-seconds" -> b.crashSeconds = Double.parseDouble(v);
                case "--out" -> b.out = Path.of(v);
                case "--database" -> b.database = v;
                case "--pg-host" -> b.pgHost = v;
                case "--pg-port" -> b.pgPort = Integer.parseInt(v);
                case "--pg-user" -> b.pgUser = v;
                case "--pg-password" -> b.pgPassword = v;
                case "--heap" -> b.heap = "-Xmx" + v;
                case "--nodes" -> b.nodes = Integer.parseInt(v);
                case "--node-pool" -> b.nodePool = Integer.parseInt(v);
                case "--start-timeout" -> b.startTimeout = Integer.parseInt(v);
                case "--profile-rate" -> b.profileRate = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
            }
        });
    }

    /** A mutable copy, so {@link #with} stays readable with this many fields. */
    private static final class B {
        boolean quick, stopOnLoss, keepDatabase, cds;
        List<Double> rates;
        double seconds, warmupRate, warmupSeconds, drainSeconds, roomRate, roomSeconds, hookRate, hookSeconds,
                pacedRate, pacedSeconds,
                camundaSeconds, crashRate, crashSeconds, profileRate;
        long burstLines;
        int pgbenchSeconds, pgPort, startTimeout, nodes, nodePool;
        Path out;
        String database, pgHost, pgUser, pgPassword, heap;
    }

    /** The same options writing to {@code dir}. */
    BenchOptions withOut(Path dir) {
        return with(b -> b.out = dir);
    }

    /** The same options reaching PostgreSQL on {@code port} (a node's proxy in front of it). */
    BenchOptions withPgPort(int port) {
        return with(b -> b.pgPort = port);
    }

    private BenchOptions with(java.util.function.Consumer<B> change) {
        var b = new B();
        b.quick = quick; b.rates = rates; b.seconds = seconds; b.warmupRate = warmupRate; b.warmupSeconds = warmupSeconds;
        b.drainSeconds = drainSeconds; b.stopOnLoss = stopOnLoss; b.roomRate = roomRate; b.roomSeconds = roomSeconds;
        b.hookRate = hookRate; b.hookSeconds = hookSeconds;
        b.burstLines = burstLines; b.pacedRate = pacedRate; b.pacedSeconds = pacedSeconds;
        b.pgbenchSeconds = pgbenchSeconds; b.camundaSeconds = camundaSeconds; b.crashRate = crashRate;
        b.crashSeconds = crashSeconds; b.out = out; b.database = database;
        b.keepDatabase = keepDatabase;
        b.pgHost = pgHost; b.pgPort = pgPort; b.pgUser = pgUser; b.pgPassword = pgPassword; b.heap = crosspostHeap;
        b.startTimeout = startTimeoutSeconds; b.nodes = nodes; b.nodePool = nodePool; b.profileRate = profileRate;
        b.cds = cds;
        change.accept(b);
        return new BenchOptions(b.quick, b.rates, b.seconds, b.warmupRate, b.warmupSeconds, b.drainSeconds,
                b.stopOnLoss, b.roomRate, b.roomSeconds, b.hookRate, b.hookSeconds, b.burstLines, b.pacedRate, b.pacedSeconds, b.pgbenchSeconds,
                b.camundaSeconds, b.crashRate, b.crashSeconds, b.out, b.database, b.keepDatabase, b.pgHost, b.pgPort, b.pgUser, b.pgPassword, b.heap, b.startTimeout,
                b.nodes, b.nodePool, b.profileRate, b.cds);
    }
}

package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.crosspost.support.CrosspostChild;

/**
 * The benchmark: a fresh database and Prosody, the baselines (pgbench, a bare Smack client through the room),
 * then the packaged Crosspost in its own JVM under shouts at constant rates, measured end to end by an
 * independent client in the team room, then the room → shoutbox direction, then a {@code kill -9} of Crosspost under
 * load and its restart. With {@code --nodes N} (N ≥ 2), {@link NodesRun} instead: N nodes, round robin, CPU per
 * node and a model. Everything it starts it stops.
 * See README "Performance" and {@link BenchOptions#USAGE}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE + SoakOptions.USAGE);
            System.exit(0);
        }
        if (java.util.Arrays.asList(args).contains("--camunda-only")) {
            CamundaBaseline.main(java.util.Arrays.stream(args).filter(a -> !a.equals("--camunda-only"))
                    .toArray(String[]::new));
            return;
        }
        if (SoakOptions.wanted(args)) {
            soak(args);
            return;
        }
        if (args.length == 2 && args[0].equals("--render")) {
            // results.md again from a run's results.json, with this harness's tables (say, after the targets changed)
            Path dir = Path.of(args[1]);
            Files.writeString(dir.resolve("results.md"), Report.markdown(Report.read(dir.resolve("results.json"))));
            System.out.println("written: " + dir.resolve("results.md"));
            return;
        }
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C: stop Prosody and Crosspost too (this JVM's own child processes, by PID)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy), "bench-stop-children"));
        int status = 1;
        try {
            if (o.nodes() > 1) {
                var results = NodesRun.run(o, String.join(" ", args));
                NodesReport.write(results, o.out());
                System.out.println(NodesReport.markdown(results));
                System.out.println("written: " + o.out().resolve("nodes.json") + ", " + o.out().resolve("nodes.md"));
            } else {
                Results results = run(o, String.join(" ", args));
                Report.write(results, o.out());
                System.out.println(Report.markdown(results));
                System.out.println("written: " + o.out().resolve("results.json") + ", " + o.out().resolve("results.md"));
            }
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(status); // Smack and the HTTP client leave threads behind
    }

    /** {@code --soak}: {@link SoakRun}; exits 0 when the run found nothing lost, doubled or out of order. */
    private static void soak(String[] args) {
        int status = 1;
        try {
            var s = SoakOptions.parse(args);
            var results = SoakRun.run(s, String.join(" ", args));
            results.write(s.bench().out());
            System.out.println(results.markdown());
            System.out.println("written: " + s.bench().out().resolve("soak.json") + ", "
                    + s.bench().out().resolve("soak.md"));
            status = results.clean() ? 0 : 3;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(status);
    }

    static Results run(BenchOptions o, String args) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String started = Instant.now().toString();
        List<String> notes = new ArrayList<>();
        // the machine may be shared: how busy it is before anything of the benchmark runs is what the neighbours use
        notes.add("before the run (nothing of the benchmark running): " + Machine.busyNow());
        Path dir = fresh(Path.of("target", "bench-run").toAbsolutePath());
        // CROSSPOST_BENCH_JAR: measure another build with this harness (say, the design before), on the same machine
        String otherJar = System.getenv("CROSSPOST_BENCH_JAR");
        Path plainJar = otherJar == null || otherJar.isBlank() ? CrosspostChild.jar()
                : Path.of(otherJar).toAbsolutePath();
        // as the shipped image starts it (class data sharing), unless --no-cds
        Path jar = o.cds() ? Cds.prepare(plainJar, notes) : plainJar;
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Duration drain = Duration.ofMillis((long) (o.drainSeconds() * 1000));
        String postgres = Database.version(o);
        log("database " + o.database() + " (fresh), work dir " + dir);
        Database.recreate(o);
        try (var prosody = BenchProsody.start()) {
            log("pgbench baseline");
            var pgbench = PgBench.run(o, dir);
            log("bare Smack baseline on Prosody pid " + prosody.pid() + " port " + prosody.port());
            var room = new Ledgers(run);
            var smack = SmackBaseline.run(prosody, BenchProsody.TEAM_ROOM, room, o.burstLines(), o.pacedRate(),
                    o.pacedSeconds(), drain);
            var camunda = o.camundaSeconds() > 0 ? CamundaBaseline.run(o) : List.<CamundaBaseline.Result>of();
            log("starting " + jar);
            try (var app = CrosspostProcess.start(o, jar, dir, o.database(), prosody, client)) {
                boolean xmpp = app.hasXmpp();
                if (!xmpp) {
                    notes.add("this build has no XMPP adapter: only the HTTP side of the shoutbox API was measured");
                } else {
                    awaitBot(app);
                }
                log("Crosspost pid " + app.pid() + " at " + app.admin().base() + ", XMPP adapter: " + xmpp
                        + ", log " + app.log());
                try (var outbox = OutboxBacklog.open(o);
                     var database = DatabaseCpu.open(o);
                     var ears = xmpp ? RoomClient.join(prosody.port(), BenchProsody.LISTENER, BenchProsody.TEAM_ROOM,
                        "bench-ears", room::heard) : null) {
                    var meter = new MessageCpu.Meter(app::pid, database, prosody.pid());
                    var load = new Load(o, client, app, outbox, room, xmpp, drain, notes, meter, dir);
                    // Lines said in the room beside the shouts' warm-up: the JIT compiles the code a room line runs
                    // too, as on a server that takes both. Without them the room phase after the shout rates ran
                    // while the JIT recompiled the engine's code for the new flow: the compiler took half of
                    // Crosspost's CPU, 13 ms per line, and p99 was 2.3 s.
                    double warmRoom = Math.min(o.roomRate(), o.warmupRate() / 2);
                    var rates = load.run(xmpp && o.roomRate() > 0 && warmRoom > 0 ? () -> {
                        log("beside it, room lines at " + warmRoom + "/s (not reported)");
                        return RoomDirection.run(client, app.admin(), prosody, "team", run, "roomwarm", warmRoom,
                                o.warmupSeconds(), drain);
                    } : null);
                    var cpu = new ArrayList<>(load.cpu());
                    Results.Room back = null;
                    if (xmpp && o.roomRate() > 0) {
                        if (!load.settle()) {
                            notes.add("the room direction started with a job backlog left by the shout rates");
                        }
                        log("room -> shoutbox at " + o.roomRate() + "/s");
                        var start = meter.start();
                        var t = RoomDirection.run(client, app.admin(), prosody, "team", run, o.roomRate(),
                                o.roomSeconds(), drain);
                        cpu.add(meter.stop("room → shoutbox " + Report.num(o.roomRate()) + "/s", start,
                                t.delivered()));
                        back = new Results.Room(o.roomRate(), t, t.deliveredPerSecond());
                    }
                    Results.Room hook = null;
                    if (xmpp && o.hookRate() > 0) {
                        if (!load.settle()) {
                            notes.add("the incoming-hook rate started with a backlog left by the phases before it");
                        }
                        log("incoming hook -> room at " + o.hookRate() + "/s");
                        try {
                            var t = HookDirection.run(client, app.admin(), room, o.hookRate(), o.hookSeconds(), drain);
                            hook = new Results.Room(o.hookRate(), t, t.deliveredPerSecond());
                        } catch (IllegalStateException noHooks) {
                            notes.add("no incoming-hook rate: " + noHooks.getMessage());
                        }
                    }
                    if (o.profileRate() > 0) {
                        load.recordProfile(); // last before the crash run: see there
                    }
                    CrashRun.Result crash = null;
                    if (xmpp && o.crashRate() > 0) {
                        if (!load.settle()) {
                            notes.add("the crash run started with a backlog left by the phases before it");
                        }
                        double crashRate = CrashRun.rate(o, rates);
                        if (crashRate < o.crashRate()) {
                            notes.add("the crash run used " + Report.num(crashRate) + "/s, the highest rate this build"
                                    + " sustained (or the lowest run), not " + Report.num(o.crashRate()) + "/s");
                        }
                        crash = CrashRun.run(o, crashRate, client, app, outbox, room, ears, drain);
                    }
                    notes.add("at the end of the run (Crosspost, PostgreSQL, Prosody still up, idle): load average "
                            + Machine.loadAverage());
                    var meta = new Results.Meta(run, started, Instant.now().toString(), Machine.describe(),
                            Machine.java(), postgres, jar.getFileName() + " (" + Machine.gitCommit() + "), "
                            + o.crosspostHeap() + CrosspostProcess.moreJavaOptions().stream().map(j -> " " + j)
                                    .collect(java.util.stream.Collectors.joining())
                            + (jar.equals(plainJar) ? ", no class data sharing"
                            : ", class data sharing archive (extracted jar, training start: docker/Dockerfile's "
                            + "recipe)")
                            + ", shipped configuration (connection pool opened on demand: minimum idle "
                            + CrosspostProcess.MIN_IDLE + "), profile postgres", xmpp,
                            "./mvnw -B -Pbench verify" + (args.isBlank() ? "" : " -Dbench.args=\"" + args + "\""));
                    notes.add("the machine is shared with other engineers' test runs: wall-clock figures (rates,"
                            + " latencies) depend on what they ran meanwhile; CPU per message (from /proc) much less");
                    return new Results(meta, pgbench, smack, camunda, rates, back, hook, crash, notes, cpu,
                            load.profile());
                }
            }
        } finally {
            if (!o.keepDatabase()) {
                try {
                    Database.drop(o);
                } catch (java.sql.SQLException e) {
                    log("could not drop database " + o.database() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The work directory of this run (logs of Crosspost, Prosody and pgbench), emptied first. */
    static Path fresh(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /** The bot joins its rooms after the app reports healthy; give it a moment. */
    static void awaitBot(CrosspostProcess app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!app.xmppUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bot did not connect; see " + app.log());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        }
    }

    static void log(String line) {
        System.out.println("[bench " + Instant.now() + "] " + line);
    }
}

package dev.crosspost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The database's own limit: single-row INSERT commits per second with pgbench (a custom script, 1 and 8 clients),
 * in the benchmark's database before Crosspost uses it. Skipped with a note when pgbench is not installed, or with
 * {@code --pgbench-seconds 0} (pgbench itself refuses {@code -T 0}).
 */
final class PgBench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private PgBench() {
    }

    record Result(String note, List<Point> points) {
    }

    record Point(int clients, double commitsPerSecond) {
    }

    static Result run(BenchOptions o, Path dir) throws Exception {
        if (o.pgbenchSeconds() == 0) {
            return new Result("skipped (--pgbench-seconds 0)", List.of());
        }
        String pgbench = find();
        if (pgbench == null) {
            return new Result("pgbench not installed (Debian: postgresql-contrib / postgresql): baseline skipped",
                    List.of());
        }
        Database.execute(o, "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, v text NOT NULL, "
                + "at timestamptz NOT NULL DEFAULT now())");
        Path script = dir.resolve("insert.sql");
        Files.writeString(script, "INSERT INTO bench_insert (v) VALUES ('a line of about the size of a shout');\n");
        try {
            var points = new ArrayList<Point>();
            for (int clients : new int[] {1, 8}) {
                points.add(new Point(clients, tps(pgbench, o, script, clients, dir)));
            }
            return new Result("single-row INSERT, one commit each, " + o.pgbenchSeconds() + " s per client count", points);
        } finally {
            Database.execute(o, "DROP TABLE bench_insert");
        }
    }

    private static double tps(String pgbench, BenchOptions o, Path script, int clients, Path dir)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(pgbench, "-n", "-h", o.pgHost(), "-p", String.valueOf(o.pgPort()),
                "-U", o.pgUser(), "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                "-T", String.valueOf(o.pgbenchSeconds()), "-f", script.toString(), o.database())
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", o.pgPassword());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(o.pgbenchSeconds() + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench -c " + clients + " failed: " + out);
        }
        Files.writeString(dir.resolve("pgbench-c" + clients + ".log"), out);
        var m = TPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no tps in pgbench output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String find() {
        for (String candidate : List.of("/usr/bin/pgbench", "/usr/local/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "pgbench"))) {
                return Path.of(d, "pgbench").toString();
            }
        }
        return null;
    }
}

package dev.crosspost.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * CPU milliseconds per delivered message of each process over one phase (from its first message to its last one
 * heard, or the drain's end), from {@code /proc} ({@link CpuWindow}): Crosspost, PostgreSQL's backends of the run's
 * database, PostgreSQL's background processes (they also work for a shared server's other databases), Prosody, the
 * harness; and the database's work per message ({@link DatabaseCpu.Work}). CPU time is what each process used
 * whatever else ran on the machine, so these figures hold on a shared machine where wall-clock rates do not.
 */
record MessageCpu(String phase, long messages, double seconds, double crosspost, double database, double server,
                  double prosody, double harness, double machine, double commits, double rowsWritten,
                  double rowsRead) {

    /** Reads the processes of one run: the Crosspost pid may change (a restart), hence a supplier. */
    static final class Meter {
        private final LongSupplier crosspost;
        private final DatabaseCpu database;
        private final long prosody;

        Meter(LongSupplier crosspost, DatabaseCpu database, long prosody) {
            this.crosspost = crosspost;
            this.database = database;
            this.prosody = prosody;
        }

        Start start() {
            return new Start(CpuWindow.take(List.of(crosspost.getAsLong()), database, prosody), database.work());
        }

        MessageCpu stop(String phase, Start start, long messages) {
            var use = CpuWindow.between(start.cpu(), CpuWindow.take(List.of(crosspost.getAsLong()), database, prosody),
                    Runtime.getRuntime().availableProcessors());
            return of(phase, messages, use, database.work().minus(start.work()));
        }
    }

    /** The readings at the start of a phase. */
    record Start(CpuWindow.Snapshot cpu, DatabaseCpu.Work work) {
    }

    static MessageCpu of(String phase, long messages, CpuWindow.Use u, DatabaseCpu.Work w) {
        double n = Math.max(1, messages);
        return new MessageCpu(phase, messages, u.seconds(), ms(u.nodes().get(0), u.seconds(), n),
                ms(u.database(), u.seconds(), n), ms(u.server(), u.seconds(), n), ms(u.prosody(), u.seconds(), n),
                ms(u.harness(), u.seconds(), n), ms(u.machine(), u.seconds(), n), per(w.commits(), n),
                per(w.rowsWritten(), n), per(w.rowsRead(), n));
    }

    private static double ms(double cores, double seconds, double messages) {
        return cores < 0 ? -1 : Math.round(cores * seconds * 1000 / messages * 100) / 100.0;
    }

    private static double per(long count, double messages) {
        return count < 0 ? -1 : Math.round(count / messages * 10) / 10.0;
    }

    /** Crosspost and PostgreSQL (its backends and background processes) together: what the message cost the app. */
    double appAndDatabase() {
        return crosspost < 0 ? -1 : crosspost + Math.max(0, database) + Math.max(0, server);
    }

    static String markdown(List<MessageCpu> rows, List<CamundaBaseline.Result> camunda) {
        var md = new StringBuilder("## CPU per delivered message, by process (from /proc)\n\n");
        md.append("| phase | messages | s | Crosspost ms | PostgreSQL backends ms | PostgreSQL background ms | Prosody ms "
                + "| harness ms | machine ms | commits | rows written | rows read | Crosspost ÷ Camunda alone |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double alone = camunda.isEmpty() ? -1 : camunda.get(0).jvmMsPerFlow();
        for (var r : rows) {
            md.append(Report.row(r.phase(), r.messages(), Report.num(r.seconds()), f(r.crosspost()), f(r.database()),
                    f(r.server()), f(r.prosody()), f(r.harness()), f(r.machine()), f(r.commits()), f(r.rowsWritten()),
                    f(r.rowsRead()), alone > 0 && r.crosspost() > 0 ? f(r.crosspost() / alone) : "n/a"));
        }
        for (var c : camunda) {
            md.append(Report.row("Camunda alone, " + c.shape() + " shape (the harness's JVM is the engine)",
                    c.finished(), Report.num(c.seconds()), f(c.jvmMsPerFlow()), f(c.databaseMsPerFlow()), "", "",
                    "", "", f(c.commitsPerFlow()), f(c.rowsWrittenPerFlow()), "", ""));
        }
        md.append("\nCPU milliseconds (user + system, `/proc/<pid>/stat`) each process used over the phase, divided by")
                .append(" the messages delivered in it; the phase runs from its first message to its last one heard")
                .append(" (or the drain's end), so a process's idle work (timers, polls) over that time counts too,")
                .append(" which weighs more at low rates. _machine_: all cores' busy time, neighbours included (this")
                .append(" machine may be shared with other test runs; the per-process figures are not affected by")
                .append(" them, except through caches and frequency). _PostgreSQL background_: WAL writer,")
                .append(" checkpointer and the like, which also work for other databases of a shared server.")
                .append(" _commits_, _rows written_ (inserted + updated + deleted) and _rows read_ per message from")
                .append(" `pg_stat_database` (the harness's own few queries included; `pg_stat_statements` would")
                .append(" need a restart of the shared server). _Crosspost ÷ Camunda alone_: Crosspost's CPU per")
                .append(" shout over the Camunda-alone JVM's CPU per flow of the shape shipped (the first Camunda row);")
                .append(" Camunda alone's row counts its better round.\n\n");
        return md.toString();
    }

    private static String f(double v) {
        if (v < 0) {
            return "n/a";
        }
        return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}

package dev.crosspost.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The engine's own limit: Camunda alone, in this JVM, on its own fresh PostgreSQL database, running a flow of the
 * shape of {@code shoutbox-team} with nothing behind its tasks: message start with the same seven variables, a
 * synchronous no-op (notify), the room task with its two input parameters and result variable (redirect), end.
 * As shipped now, the room task is synchronous and inserts one outbox row in the flow's own transaction
 * ({@link BaselineOutbox}: Crosspost's real table); nothing sends the row. The engine settings are the shipped
 * ones, read from {@code application.yaml} ({@link ShippedEngine}: history, removal time, the job executor, the
 * pool size). No HTTP, no messages table, no XMPP: what is left is what one process instance per message costs on
 * this machine, the bound under Crosspost's figures. Two more variants show what the outbox row costs and what the
 * shape shipped before (the room task a job) did.
 * <p>
 * After a warm-up of the JIT that is not counted, eight threads start flows as fast as they can, for each shape on
 * a fresh database after 3 s of its own warm-up, in two rounds of half the measured time each (the better round
 * counts: the neighbours' load only slows a round down); a flow counts as finished
 * when the transaction that ran its room task has committed. Flows per second count from the first start to the
 * last finished flow.
 */
final class CamundaBaseline {

    static final String MESSAGE = "baseline:team";
    static final String TARGET = "xmpp-room:team@conference.localhost";
    private static final int STARTERS = 8;

    /** The shape shipped now first (the ratios use it); the others show what the row costs and the shape before. */
    static final List<Variant> VARIANTS = List.of(new Variant(false, true), new Variant(false, false),
            new Variant(true, false));

    private CamundaBaseline() {
    }

    record Variant(boolean asyncRoomTask, boolean outboxRow) {
        /** {@code outbox}, {@code synchronous} or {@code job}: which Crosspost build it compares with. */
        String shape() {
            return asyncRoomTask ? "job" : outboxRow ? "outbox" : "synchronous";
        }

        String name(ShippedEngine shipped, BaselineOutbox outbox) {
            String history = "history " + shipped.history();
            if (asyncRoomTask) {
                return "the shape before the outbox: " + history + ", room task asyncBefore (one job per flow)";
            }
            return outboxRow ? "the outbox shape: " + history + ", tasks synchronous, one outbox row per flow in its "
                    + "transaction (" + outbox.source() + ")"
                    : history + ", tasks synchronous, no outbox row (what the row costs)";
        }
    }

    /**
     * {@code shape}: {@link Variant#shape()}; {@code startsPerSecond}: messages correlated; {@code flowsPerSecond}:
     * flows finished (the sustained rate).
     */
    record Result(String shape, String variant, double seconds, long started, long finished, long duplicated,
                  double startsPerSecond, double flowsPerSecond, double jvmMsPerFlow, double databaseMsPerFlow,
                  double commitsPerFlow, double rowsWrittenPerFlow) {
    }

    /** Only this baseline: same options as {@link Bench}. */
    public static void main(String[] args) throws Exception {
        var o = BenchOptions.parse(args);
        for (var r : run(o)) {
            System.out.println(r.variant() + ": started " + r.started() + ", finished " + r.finished() + " in "
                    + Report.num(r.seconds()) + " s: " + Report.num(r.startsPerSecond()) + " correlated/s, "
                    + Report.num(r.flowsPerSecond()) + " flows/s");
        }
        System.exit(0);
    }

    /** Every variant on a fresh database {@code <--database>_camunda}, dropped afterwards. */
    static List<Result> run(BenchOptions o) throws Exception {
        String database = o.database() + "_camunda";
        var shipped = ShippedEngine.read();
        var results = new ArrayList<Result>();
        try {
            // the JIT first, on a database of its own, not counted: on a busy 2-core machine the compiler threads
            // wait for the CPU, and the shape measured first would pay for the warming of all of them
            Database.recreate(o, database);
            run(o, database, shipped, VARIANTS.get(0), Math.max(20, o.camundaSeconds()), 0);
            // two rounds, each shape for half the time in each, and the better round counts: the neighbours' load
            // only ever slows a round down, and it comes and goes
            double seconds = o.camundaSeconds() / 2;
            var rounds = new ArrayList<List<Result>>();
            for (int r = 0; r < 2; r++) {
                var round = new ArrayList<Result>();
                for (var variant : VARIANTS) {
                    round.add(measure(o, database, shipped, variant, seconds));
                }
                rounds.add(round);
            }
            for (int i = 0; i < VARIANTS.size(); i++) {
                var a = rounds.get(0).get(i);
                var b = rounds.get(1).get(i);
                var best = a.flowsPerSecond() >= b.flowsPerSecond() ? a : b;
                results.add(new Result(best.shape(), best.variant() + "; better of 2 rounds of " + Report.num(seconds)
                        + " s: " + Report.num(a.flowsPerSecond()) + " / " + Report.num(b.flowsPerSecond()),
                        best.seconds(), best.started(), best.finished(), best.duplicated(), best.startsPerSecond(),
                        best.flowsPerSecond(), best.jvmMsPerFlow(), best.databaseMsPerFlow(), best.commitsPerFlow(),
                        best.rowsWrittenPerFlow()));
            }
        } finally {
            Database.drop(o, database);
        }
        return results;
    }

    /** One shape on a fresh database; a failure (a shared PostgreSQL out of connections) is tried once more. */
    private static Result measure(BenchOptions o, String database, ShippedEngine shipped, Variant variant,
                                  double seconds) throws Exception {
        try {
            Database.recreate(o, database);
            return run(o, database, shipped, variant, 3, seconds);
        } catch (Exception e) {
            Bench.log("Camunda alone failed (" + e + "); once more on a fresh database");
            Database.recreate(o, database);
            return run(o, database, shipped, variant, 3, seconds);
        }
    }

    private static Result run(BenchOptions o, String database, ShippedEngine shipped, Variant variant,
                              double warmupSeconds, double seconds) throws Exception {
        var book = new Book();
        try (var ds = Database.pool(o, database, shipped.connections());
             var cpu = DatabaseCpu.open(o, database)) {
            var outbox = BaselineOutbox.prepare(ds);
            ProcessEngine engine = engine(ds, book, shipped, variant.outboxRow() ? outbox : null);
            try {
                engine.getRepositoryService().createDeployment()
                        .addModelInstance("baseline.bpmn", model(variant.asyncRoomTask())).deploy();
                String name = variant.name(shipped, outbox);
                Bench.log("Camunda alone, " + name + ", job executor " + shipped.jobExecutor()
                        + ": warm-up " + Report.num(warmupSeconds) + " s, then "
                        + Report.num(seconds) + " s, " + STARTERS + " threads starting flows");
                load(engine, book, new Ledger("camunda-warmup"), warmupSeconds);
                Ledger ledger = new Ledger("camunda");
                // the engine runs in this JVM: its CPU (and its database's backends') over the measured flows
                var before = new MessageCpu.Meter(ProcessHandle.current()::pid, cpu, -1).start();
                long started = seconds > 0 ? load(engine, book, ledger, seconds) : 0;
                var t = ledger.tally();
                var used = new MessageCpu.Meter(ProcessHandle.current()::pid, cpu, -1).stop("camunda", before, t.delivered());
                return new Result(variant.shape(), name, seconds, started, t.delivered(), t.duplicated(),
                        seconds > 0 ? started / seconds : 0, t.deliveredPerSecond(), used.crosspost(),
                        used.database(), used.commits(), used.rowsWritten());
            } finally {
                engine.close();
            }
        }
    }

    /** Starts flows from {@link #STARTERS} threads for {@code seconds}; returns how many were started. */
    private static long load(ProcessEngine engine, Book book, Ledger ledger, double seconds) throws Exception {
        book.ledger = ledger;
        long first = book.seq.get();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(STARTERS);
        var starters = new ArrayList<java.util.concurrent.Future<Object>>();
        try {
            for (int i = 0; i < STARTERS; i++) {
                starters.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long n = book.seq.getAndIncrement();
                        long now = System.nanoTime();
                        ledger.due(n, now, now);
                        engine.getRuntimeService().createMessageCorrelation(MESSAGE)
                                .processInstanceBusinessKey("m-" + n).setVariables(variables(n))
                                .correlateStartMessage();
                        ledger.answered(n, 201, System.nanoTime());
                    }
                    return null;
                }));
            }
            for (var starter : starters) {
                starter.get((long) seconds + 60, TimeUnit.SECONDS); // a failed start ends the baseline, loudly
            }
        } finally {
            pool.shutdownNow();
        }
        Drain.await(ledger, Duration.ofSeconds(120));
        return book.seq.get() - first;
    }

    /** What {@code CamundaQueues} sets for a shout. */
    private static Map<String, Object> variables(long n) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("messageId", "m-" + n);
        vars.put("channel", MESSAGE);
        vars.put("sender", "bench");
        vars.put("senderName", "Bench");
        vars.put("text", "a line of about the size of a shout #" + n);
        vars.put("origin", null);
        vars.put("receivedAt", java.time.Instant.now().toString());
        return vars;
    }

    static BpmnModelInstance model(boolean asyncRoomTask) {
        return Bpmn.createExecutableProcess("camunda-baseline").camundaHistoryTimeToLive(30)
                .startEvent().message(MESSAGE)
                .serviceTask("notify").camundaDelegateExpression("${noop}")
                .serviceTask("room").camundaAsyncBefore(asyncRoomTask).camundaDelegateExpression("${done}")
                .camundaInputParameter("target", TARGET)
                .camundaInputParameter("template", "[team] {sender}: {text}")
                .endEvent().done();
    }

    /** {@code outbox}: the room task inserts the flow's outbox row; {@code null}: it only sets its variable. */
    private static ProcessEngine engine(HikariDataSource ds, Book book, ShippedEngine shipped, BaselineOutbox outbox) {
        var executor = new DefaultJobExecutor();
        executor.setCorePoolSize(shipped.corePoolSize());
        executor.setMaxPoolSize(shipped.maxPoolSize());
        executor.setQueueSize(shipped.queueCapacity());
        executor.setMaxJobsPerAcquisition(shipped.maxJobsPerAcquisition());
        executor.setWaitTimeInMillis(shipped.waitTimeInMillis());
        var cfg = new StandaloneProcessEngineConfiguration();
        cfg.setDataSource(ds);
        cfg.setDatabaseSchemaUpdate("true");
        cfg.setHistory(shipped.history());
        cfg.setHistoryRemovalTimeStrategy(shipped.historyRemovalTimeStrategy());
        cfg.setJobExecutor(executor);
        cfg.setJobExecutorActivate(true);
        JavaDelegate noop = execution -> { };
        JavaDelegate done = execution -> {
            long n = Long.parseLong(((String) execution.getVariable("messageId")).substring(2));
            var command = Context.getCommandContext();
            if (outbox != null) {
                outbox.insert(command.getDbSqlSession().getSqlSession().getConnection(), n);
                execution.setVariable("delivery_room", "QUEUED to " + TARGET + " (send " + BaselineOutbox.id(n) + ")");
            } else {
                execution.setVariable("delivery_room", "SENT to " + TARGET);
            }
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> book.finished(n));
        };
        cfg.setBeans(new HashMap<>(Map.of("noop", noop, "done", done)));
        return cfg.buildProcessEngine();
    }

    /** The current phase's ledger; numbers go on across phases (a late warm-up flow counts as a stranger). */
    private static final class Book {
        final AtomicLong seq = new AtomicLong();
        volatile Ledger ledger;

        void finished(long n) {
            ledger.heard(n, System.nanoTime());
        }
    }
}

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
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The engine's own limit: Camunda alone, in this JVM, on its own fresh PostgreSQL database, running a flow of the
 * shape of {@code shoutbox-team} with nothing behind its tasks: message start with the same seven variables, a
 * synchronous no-op (notify), an {@code asyncBefore} no-op with the room task's two input parameters and result
 * variable (redirect), end. The engine settings are the shipped ones, read from {@code application.yaml}
 * ({@link ShippedEngine}: history, removal time, the job executor, the pool size). No HTTP, no messages table, no XMPP: what is left is what one
 * process instance per message costs on this machine, the bound under Crosspost's figures. Two more variants show
 * what the history and the room task's job cost.
 * <p>
 * Eight threads (as many as the job executor's) start flows as fast as they can for the measured time, after a
 * warm-up; the job executor completes them. Flows per second count from the first start to the last finished flow.
 */
final class CamundaBaseline {

    static final String MESSAGE = "baseline:team";
    private static final int STARTERS = 8;

    /** The shipped settings first; the others show what the history and the room task's job cost. */
    static final List<Variant> VARIANTS =
            List.of(new Variant(null, true), new Variant("none", true), new Variant(null, false));

    private CamundaBaseline() {
    }

    /** {@code history}: {@code null} for the shipped level. */
    record Variant(String history, boolean asyncRoomTask) {
        String name(ShippedEngine shipped) {
            return (history == null && asyncRoomTask ? "as shipped: " : "") + "history "
                    + (history == null ? shipped.history() : history)
                    + (asyncRoomTask ? ", room task asyncBefore" : ", room task synchronous (no job)");
        }
    }

    /** {@code startsPerSecond}: messages correlated; {@code flowsPerSecond}: flows finished (the sustained rate). */
    record Result(String variant, double seconds, long started, long finished, long duplicated,
                  double startsPerSecond, double flowsPerSecond) {
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
            for (var variant : VARIANTS) {
                Database.recreate(o, database);
                // the first variant warms the JIT up for all of them
                results.add(run(o, database, shipped, variant, results.isEmpty() ? Math.min(15, o.camundaSeconds()) : 3));
            }
        } finally {
            Database.drop(o, database);
        }
        return results;
    }

    private static Result run(BenchOptions o, String database, ShippedEngine shipped, Variant variant,
                              double warmupSeconds) throws Exception {
        var book = new Book();
        try (var ds = Database.pool(o, database, shipped.connections())) {
            ProcessEngine engine = engine(ds, book, shipped, variant.history());
            try {
                engine.getRepositoryService().createDeployment()
                        .addModelInstance("baseline.bpmn", model(variant.asyncRoomTask())).deploy();
                Bench.log("Camunda alone, " + variant.name(shipped) + ", job executor " + shipped.jobExecutor()
                        + ": warm-up " + Report.num(warmupSeconds) + " s, then "
                        + Report.num(o.camundaSeconds()) + " s, " + STARTERS + " threads starting flows");
                load(engine, book, new Ledger("camunda-warmup"), warmupSeconds);
                Ledger ledger = new Ledger("camunda");
                long started = load(engine, book, ledger, o.camundaSeconds());
                var t = ledger.tally();
                return new Result(variant.name(shipped), o.camundaSeconds(), started, t.delivered(), t.duplicated(),
                        started / o.camundaSeconds(), t.deliveredPerSecond());
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
                .camundaInputParameter("target", "xmpp-room:team@conference.localhost")
                .camundaInputParameter("template", "[team] {sender}: {text}")
                .endEvent().done();
    }

    private static ProcessEngine engine(HikariDataSource ds, Book book, ShippedEngine shipped, String history) {
        var executor = new DefaultJobExecutor();
        executor.setCorePoolSize(shipped.corePoolSize());
        executor.setMaxPoolSize(shipped.maxPoolSize());
        executor.setQueueSize(shipped.queueCapacity());
        executor.setMaxJobsPerAcquisition(shipped.maxJobsPerAcquisition());
        executor.setWaitTimeInMillis(shipped.waitTimeInMillis());
        var cfg = new StandaloneProcessEngineConfiguration();
        cfg.setDataSource(ds);
        cfg.setDatabaseSchemaUpdate("true");
        cfg.setHistory(history == null ? shipped.history() : history);
        cfg.setHistoryRemovalTimeStrategy(shipped.historyRemovalTimeStrategy());
        cfg.setJobExecutor(executor);
        cfg.setJobExecutorActivate(true);
        JavaDelegate noop = execution -> { };
        JavaDelegate done = execution -> {
            execution.setVariable("delivery_room", "SENT to " + execution.getVariable("target"));
            book.finished(Long.parseLong(((String) execution.getVariable("messageId")).substring(2)));
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

package dev.crosspost.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The engine settings Crosspost ships (history, job executor, connection pool), read from its
 * {@code application.yaml} (on the harness's classpath), so that {@link CamundaBaseline} runs the engine as
 * users get it rather than a copy that could drift.
 */
record ShippedEngine(String history, String historyRemovalTimeStrategy, int corePoolSize, int maxPoolSize,
                     int queueCapacity, int maxJobsPerAcquisition, int waitTimeInMillis, int connections) {

    static ShippedEngine read() throws IOException {
        try (InputStream in = ShippedEngine.class.getResourceAsStream("/application.yaml")) {
            if (in == null) {
                throw new IllegalStateException("application.yaml is not on the classpath: build Crosspost first");
            }
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> bpm = map(map(yaml, "camunda"), "bpm");
            Map<String, Object> jobs = map(bpm, "job-execution");
            return new ShippedEngine(String.valueOf(bpm.get("history-level-default")),
                    String.valueOf(map(map(bpm, "generic-properties"), "properties").get("historyRemovalTimeStrategy")),
                    number(jobs, "core-pool-size"), number(jobs, "max-pool-size"), number(jobs, "queue-capacity"),
                    number(jobs, "max-jobs-per-acquisition"), number(jobs, "wait-time-in-millis"),
                    number(map(map(map(yaml, "spring"), "datasource"), "hikari"), "maximum-pool-size"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalStateException("application.yaml has no '" + key + "' section");
        }
        return (Map<String, Object>) value;
    }

    private static int number(Map<String, Object> section, String key) {
        if (!(section.get(key) instanceof Number n)) {
            throw new IllegalStateException("application.yaml has no number at " + key);
        }
        return n.intValue();
    }

    /** For the report: the job executor as core/max/queue, jobs per acquisition. */
    String jobExecutor() {
        return corePoolSize + "/" + maxPoolSize + "/" + queueCapacity + ", " + maxJobsPerAcquisition + " per acquisition";
    }
}

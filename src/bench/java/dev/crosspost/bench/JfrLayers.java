package dev.crosspost.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording's CPU samples ({@code jdk.ExecutionSample}) summed per layer of Crosspost: each sample counts for
 * the layer of its innermost frame that is not the JDK itself (a {@code HashMap.get} called by Jackson is JSON's),
 * and per thread pool (the thread's name without its number). No dependency beyond the JDK: also runs on its own,
 * {@code java src/bench/java/dev/crosspost/bench/JfrLayers.java recording.jfr}, and prints Markdown.
 */
final class JfrLayers {

    /** Package prefixes → layer, the first that matches wins (so the specific ones come first). */
    static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("org.postgresql.", "JDBC: PostgreSQL driver, Hikari pool"),
            Map.entry("com.zaxxer.hikari.", "JDBC: PostgreSQL driver, Hikari pool"),
            Map.entry("org.apache.ibatis.", "engine: Camunda (+ MyBatis)"),
            Map.entry("org.camunda.", "engine: Camunda (+ MyBatis)"),
            Map.entry("dev.crosspost.process.", "engine: Camunda (+ MyBatis)"),
            Map.entry("com.fasterxml.jackson.", "JSON: Jackson"),
            Map.entry("org.springframework.security.", "security"),
            Map.entry("dev.crosspost.security.", "security"),
            Map.entry("dev.crosspost.member.", "security"),
            Map.entry("org.jivesoftware.", "XMPP: Smack"),
            Map.entry("org.jxmpp.", "XMPP: Smack"),
            Map.entry("org.xmlpull.", "XMPP: Smack"),
            Map.entry("dev.crosspost.xmpp.", "XMPP: Smack"),
            Map.entry("dev.crosspost.message.outbox.", "outbox"),
            Map.entry("ch.qos.logback.", "logging"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("org.apache.catalina.", "web: Tomcat, Spring MVC"),
            Map.entry("org.apache.coyote.", "web: Tomcat, Spring MVC"),
            Map.entry("org.apache.tomcat.", "web: Tomcat, Spring MVC"),
            Map.entry("jakarta.servlet.", "web: Tomcat, Spring MVC"),
            Map.entry("org.springframework.web.", "web: Tomcat, Spring MVC"),
            Map.entry("dev.crosspost.web.", "web: Tomcat, Spring MVC"),
            Map.entry("io.micrometer.", "metrics (Micrometer)"),
            Map.entry("org.springframework.", "Spring (transactions, JDBC template, AOP)"),
            Map.entry("dev.crosspost.", "Crosspost's own code (shoutbox, messages, ...)"));

    /** Places on the shout's path: how many samples had one of these methods anywhere on their stack. */
    static final List<String> THROUGH = List.of(
            "org.apache.catalina.connector.CoyoteAdapter.service",
            "org.springframework.security.web.FilterChainProxy.doFilter",
            "dev.crosspost.security.LoginThrottle.refusal",
            "org.springframework.security.web.authentication.www.BasicAuthenticationFilter.doFilterInternal",
            "org.springframework.web.filter.ServerHttpObservationFilter.doFilterInternal",
            "dev.crosspost.message.Inbox.acceptInTransaction",
            "dev.crosspost.process.CamundaQueues.start",
            "org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl.executeCount",
            "org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl.correlateStartMessage",
            "org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler.handleEvent",
            "dev.crosspost.message.outbox.Outbox.send",
            "dev.crosspost.member.CamundaDirectory.member",
            "org.springframework.jdbc.datasource.DataSourceTransactionManager.doCommit",
            "dev.crosspost.shoutbox.ShoutFanout.heard");

    private JfrLayers() {
    }

    /**
     * Samples per layer, per thread pool, the innermost non-JDK frames that were sampled most, and the samples
     * through each of {@link #THROUGH}.
     */
    record Summary(long samples, Map<String, Long> layers, Map<String, Long> threads, Map<String, Long> frames,
                   Map<String, Long> through) {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(markdown(summarise(Path.of(args[0])), 15));
    }

    static Summary summarise(Path jfr) throws IOException {
        var layers = new HashMap<String, Long>();
        var threads = new HashMap<String, Long>();
        var frames = new HashMap<String, Long>();
        var through = new LinkedHashMap<String, Long>();
        THROUGH.forEach(m -> through.put(m, 0L));
        long samples = 0;
        try (var file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                samples++;
                var thread = e.getThread("sampledThread");
                threads.merge(pool(thread == null ? null : thread.getJavaName()), 1L, Long::sum);
                RecordedFrame innermost = innermost(e.getStackTrace().getFrames());
                String type = innermost == null ? null : innermost.getMethod().getType().getName();
                layers.merge(layer(type), 1L, Long::sum);
                if (innermost != null) {
                    frames.merge(type + "." + innermost.getMethod().getName(), 1L, Long::sum);
                }
                var onStack = new java.util.HashSet<String>();
                for (var f : e.getStackTrace().getFrames()) {
                    onStack.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                }
                through.replaceAll((m, n) -> onStack.contains(m) ? n + 1 : n);
            }
        }
        return new Summary(samples, sorted(layers), sorted(threads), sorted(frames), through);
    }

    /** The innermost frame outside the JDK's own packages, or null when the stack holds only the JDK. */
    private static RecordedFrame innermost(List<RecordedFrame> frames) {
        for (var f : frames) {
            if (f.isJavaFrame() && !jdk(f.getMethod().getType().getName())) {
                return f;
            }
        }
        return null;
    }

    static boolean jdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    /** The layer of a class; {@code null} (a stack of the JDK only: GC-free JIT-less JDK work) is its own row. */
    static String layer(String type) {
        if (type == null) {
            return "JDK only (no library frame)";
        }
        for (var l : LAYERS) {
            if (type.startsWith(l.getKey())) {
                return l.getValue();
            }
        }
        return "other libraries";
    }

    /** A thread's pool: its name without the numbers ({@code http-nio-8080-exec-7} → {@code http-nio-#-exec-#}). */
    static String pool(String name) {
        return name == null ? "(unknown)" : name.replaceAll("\\d+", "#");
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        var list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        var out = new LinkedHashMap<String, Long>();
        list.forEach(en -> out.put(en.getKey(), en.getValue()));
        return out;
    }

    static String markdown(Summary s, int topFrames) {
        var md = new StringBuilder();
        md.append("| layer (innermost non-JDK frame) | samples | share |\n|---|---:|---:|\n");
        s.layers().forEach((k, v) -> md.append(row(k, v, s.samples())));
        md.append(row("**all**", s.samples(), s.samples()));
        md.append("\n| thread pool | samples | share |\n|---|---:|---:|\n");
        s.threads().entrySet().stream().limit(10).forEach(en -> md.append(row(en.getKey(), en.getValue(), s.samples())));
        md.append("\n| samples through (the method anywhere on the stack) | samples | share |\n|---|---:|---:|\n");
        s.through().forEach((k, v) -> md.append(row("`" + k + "`", v, s.samples())));
        md.append("\n| innermost non-JDK method | samples | share |\n|---|---:|---:|\n");
        s.frames().entrySet().stream().limit(topFrames)
                .forEach(en -> md.append(row("`" + en.getKey() + "`", en.getValue(), s.samples())));
        return md.toString();
    }

    private static String row(String name, long n, long all) {
        return "| " + name + " | " + n + " | " + String.format(Locale.ROOT, "%.1f %%", all == 0 ? 0 : 100.0 * n / all)
                + " |\n";
    }
}

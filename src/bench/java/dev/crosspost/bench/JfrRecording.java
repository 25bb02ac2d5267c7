package dev.crosspost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording of the Crosspost JVM over one phase, started and stopped with {@code jcmd} (JFR's {@code profile}
 * settings: a CPU sample every 10 ms per running thread), so the app runs exactly as shipped outside it.
 */
final class JfrRecording {

    private static final String NAME = "bench";
    private final long pid;
    private final Path file;

    private JfrRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts recording, or returns null (and says why) when {@code jcmd} cannot. */
    static JfrRecording start(long pid, Path file) {
        String out = jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        if (out == null || !out.contains("Started recording")) {
            Bench.log("  no JFR recording: " + out);
            return null;
        }
        return new JfrRecording(pid, file);
    }

    /** Stops the recording and returns its summary, or null when it could not be written. */
    JfrLayers.Summary stop() {
        String out = jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
        try {
            return JfrLayers.summarise(file);
        } catch (IOException | RuntimeException e) {
            Bench.log("  JFR recording not read (" + out + "): " + e);
            return null;
        }
    }

    private static String jcmd(long pid, String... command) {
        var args = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}

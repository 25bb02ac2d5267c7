package dev.crosspost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Crosspost as the shipped Docker image runs it (docs/operations.md#start-time): the jar extracted and a class data
 * sharing archive from a training start, made once per jar in {@code target/bench-cds/}. {@link CrosspostProcess}
 * starts a jar with the archive beside it ({@link #archiveOf}) with {@code -XX:SharedArchiveFile}; a restart after
 * the crash run's {@code kill -9} is then the restart an operator of the image sees.
 */
final class Cds {

    private Cds() {
    }

    /** The archive that belongs to {@code jar} when it was prepared here: {@code <name>.jsa} beside it. */
    static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /**
     * The extracted jar, with its archive beside it; made again when the jar changed (its size or time differ). Falls
     * back to {@code jar} itself (no archive) when the extraction or the training start fails, and says so.
     */
    static Path prepare(Path jar, List<String> notes) throws IOException, InterruptedException {
        String name = jar.getFileName().toString();
        Path dir = Path.of("target", "bench-cds", name + "-" + Files.size(jar) + "-"
                + Files.getLastModifiedTime(jar).toMillis()).toAbsolutePath();
        Path extracted = dir.resolve(name);
        Path archive = archiveOf(extracted);
        if (Files.exists(archive)) {
            return extracted;
        }
        Bench.log("class data sharing: extracting " + jar + " and a training start (once per jar)");
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (run(dir, List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
                dir.toString())) != 0 || !Files.exists(extracted)) {
            notes.add("no class data sharing archive (extracting the jar failed, see " + dir.resolve("cds.log")
                    + "): Crosspost ran from the plain jar");
            return jar;
        }
        Path training = archive.resolveSibling(archive.getFileName() + ".training");
        List<String> train = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + training,
                "-Dspring.context.exit=onRefresh", "-jar", extracted.toString(),
                "--spring.datasource.url=jdbc:h2:mem:training", "--server.port=0"));
        if (run(dir, train) != 0 || !Files.exists(training)) {
            notes.add("no class data sharing archive (the training start failed, see " + dir.resolve("cds.log")
                    + "): Crosspost ran from the plain jar");
            return jar;
        }
        Files.move(training, archive);
        return extracted;
    }

    private static int run(Path dir, List<String> command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("cds.log").toFile())).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}

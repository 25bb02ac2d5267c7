package dev.crosspost.fortune;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fortunes: from a directory of fortune files (Debian's {@code /usr/share/games/fortunes}) when it has any,
 * else from the collection bundled with Crosspost ({@code classpath:fortunes/crosspost}).
 * <p>
 * Offensive collections are never read: only the regular files directly in the directory are read, never a
 * subdirectory (Debian keeps them in {@code off/}), and a path that is or lies inside an {@code off}
 * directory is refused. {@code .dat} indexes and the {@code .u8} links to the same text are skipped.
 */
public class Fortunes implements FortuneSource {

    static final String BUNDLED = "fortunes/crosspost";
    private static final Logger log = LoggerFactory.getLogger(Fortunes.class);

    private final List<String> entries;
    private final String source;
    private final RandomGenerator random;

    Fortunes(List<String> entries, String source, RandomGenerator random) {
        if (entries.isEmpty()) {
            throw new IllegalStateException("no fortunes in " + source);
        }
        this.entries = List.copyOf(entries);
        this.source = source;
        this.random = random;
    }

    /** Fortunes of {@code path} when it holds any, else the bundled ones; none longer than {@code maxLength}. */
    public static Fortunes load(String path, int maxLength, RandomGenerator random) {
        List<String> found = path == null || path.isBlank() ? List.of() : fromPath(Path.of(path), maxLength);
        if (!found.isEmpty()) {
            log.info("fortunes: {} from {}", found.size(), path);
            return new Fortunes(found, path, random);
        }
        List<String> bundled = shortOnes(bundled(), maxLength);
        log.info("fortunes: {} bundled with Crosspost ({} has none)", bundled.size(), path);
        return new Fortunes(bundled, "classpath:" + BUNDLED, random);
    }

    @Override
    public String next() {
        return entries.get(random.nextInt(entries.size()));
    }

    public int size() {
        return entries.size();
    }

    /** Where these fortunes come from: a path, or {@code classpath:fortunes/crosspost}. */
    public String source() {
        return source;
    }

    static List<String> fromPath(Path path, int maxLength) {
        if (isOffensive(path)) {
            log.warn("fortunes: refusing {}: offensive collections are never used", path);
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            if (Files.isRegularFile(path)) {
                found.addAll(readFile(path));
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : files.sorted().filter(Fortunes::isFortuneText).toList()) {
                        found.addAll(readFile(file));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("fortunes: cannot read {}: {}", path, e.toString());
            return List.of();
        }
        return shortOnes(found, maxLength);
    }

    /**
     * A fortune text file: a regular file (not a directory, so never off/), not an index, not a .u8 link to
     * the same text, not an old-style offensive "-o" file.
     */
    static boolean isFortuneText(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && !name.startsWith(".") && !name.endsWith(".dat")
                && !name.endsWith(".u8") && !name.endsWith("-o") && !isOffensive(realPath(file));
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file;
        }
    }

    private static boolean isOffensive(Path path) {
        for (Path part : path.toAbsolutePath().normalize()) {
            if (part.toString().equals("off")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> readFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return FortuneFile.read(in);
        }
    }

    static List<String> bundled() {
        try (InputStream in = Fortunes.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled fortunes are missing: classpath:" + BUNDLED);
            }
            return FortuneFile.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> shortOnes(List<String> entries, int maxLength) {
        return entries.stream().filter(e -> e.length() <= maxLength).toList();
    }
}

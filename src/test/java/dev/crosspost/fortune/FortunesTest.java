package dev.crosspost.fortune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortunesTest {

    /** Installed by Debian's fortunes-min (src/test/env/run-tests.sh installs it). */
    private static final Path DEBIAN = Path.of("/usr/share/games/fortunes");

    @Test
    void readsARealDebianFortuneFile() throws Exception {
        assertThat(DEBIAN.resolve("fortunes")).as("apt-get install fortunes-min").isRegularFile();

        List<String> entries = Fortunes.fromPath(DEBIAN.resolve("fortunes"), Integer.MAX_VALUE);

        // strfile's index says how many entries the text holds: header = version, count, ... (big-endian ints)
        int counted = ByteBuffer.wrap(Files.readAllBytes(DEBIAN.resolve("fortunes.dat"))).getInt(4);
        assertThat(entries).hasSize(counted);
        assertThat(entries).allSatisfy(e -> assertThat(e).isNotBlank().isEqualTo(e.stripTrailing())
                .doesNotStartWith("\n").doesNotContain("\n%\n"));
        assertThat(entries).first().isEqualTo("A day for firm decisions!!!!!  Or is it?");
        assertThat(entries).contains("A long-forgotten loved one will appear soon.\n\nBuy the negatives at any price.");
    }

    @Test
    void readsTheDebianDirectoryButNotItsIndexesLinksOrOffensiveSubdirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sayings"), "Kind one.\n%\nKind two.\n");
        Files.writeString(dir.resolve("sayings.dat"), "\u0000\u0000\u0002binary index");
        Files.createSymbolicLink(dir.resolve("sayings.u8"), dir.resolve("sayings"));
        Files.createDirectory(dir.resolve("off"));
        Files.writeString(dir.resolve("off").resolve("rude"), "Rude one.\n%\nRude two.\n");
        Files.writeString(dir.resolve("old-o"), "Old rude one.\n");

        Fortunes fortunes = Fortunes.load(dir.toString(), 400, new Random(1));

        assertThat(fortunes.size()).isEqualTo(2);
        assertThat(drawMany(fortunes)).containsExactlyInAnyOrder("Kind one.", "Kind two.");
        assertThat(Fortunes.fromPath(dir.resolve("off"), 400)).isEmpty();
        assertThat(Fortunes.fromPath(dir.resolve("off").resolve("rude"), 400)).isEmpty();
    }

    @Test
    void theInstalledDebianFortunesAreUsedWhenPresent() {
        Fortunes fortunes = Fortunes.load(DEBIAN.toString(), 400, new Random(1));

        assertThat(fortunes.source()).isEqualTo(DEBIAN.toString());
        // fortunes-min: fortunes, literature, riddles, each read once (the .u8 links are skipped)
        assertThat(fortunes.size()).isGreaterThan(500).isLessThan(850);
        assertThat(drawMany(fortunes)).allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(400));
    }

    @Test
    void withoutFortuneFilesTheBundledCollectionIsUsed(@TempDir Path empty) {
        for (String path : new String[] {empty.toString(), empty.resolve("missing").toString(), ""}) {
            Fortunes fortunes = Fortunes.load(path, 400, new Random(1));
            assertThat(fortunes.source()).isEqualTo("classpath:fortunes/crosspost");
            assertThat(fortunes.size()).isEqualTo(Fortunes.bundled().size());
        }
    }

    @Test
    void theBundledFileHoldsAboutFortyShortSayings() {
        List<String> bundled = Fortunes.bundled();

        assertThat(bundled).hasSizeBetween(38, 60).doesNotHaveDuplicates();
        assertThat(bundled).allSatisfy(f -> assertThat(f).isNotBlank().hasSizeLessThan(200).doesNotContain("%"));
        assertThat(bundled).contains("A stitch in time saves nine.");
    }

    @Test
    void parsesEntriesSeparatedByPercentLines() {
        assertThat(FortuneFile.parse("one\n%\n\ntwo\n  indented\n%\n%\nthree 100%\n"))
                .containsExactly("one", "two\n  indented", "three 100%");
        assertThat(FortuneFile.parse("")).isEmpty();
        assertThat(FortuneFile.parse("a\r\n%\r\nb")).containsExactly("a", "b");
    }

    @Test
    void longFortunesAreLeftOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mixed"), "short\n%\n" + "long ".repeat(100) + "\n");

        assertThat(Fortunes.fromPath(dir, 40)).containsExactly("short");
    }

    private static Set<String> drawMany(Fortunes fortunes) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(fortunes.next());
        }
        return seen;
    }
}

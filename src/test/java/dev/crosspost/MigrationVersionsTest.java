package dev.crosspost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Flyway versions are one sequence from here on: a new migration takes the next number after the highest
 * (docs/architecture.md). The numbers below that (V1, V3-V5, V20, V21, V30) are applied on users' databases and
 * stay as they are: Flyway refuses a database whose applied versions were renumbered or removed.
 */
class MigrationVersionsTest {

    /** Every version up to the rule, as released; never changed. */
    private static final List<Integer> RELEASED = List.of(1, 3, 4, 5, 20, 21, 30);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    private static List<Integer> versions() throws IOException {
        List<Integer> versions = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*")) {
            Matcher m = NAME.matcher(r.getFilename());
            assertThat(m.matches()).as("%s is named V<next number>__<what, in snake_case>.sql", r.getFilename())
                    .isTrue();
            versions.add(Integer.parseInt(m.group(1)));
        }
        return versions.stream().sorted().toList();
    }

    @Test
    void everyVersionIsUniqueAndTheReleasedOnesAreKept() throws IOException {
        List<Integer> versions = versions();

        assertThat(versions).as("one migration per version").doesNotHaveDuplicates();
        assertThat(versions.stream().filter(v -> v <= 30).toList())
                .as("released migrations are never renumbered or removed").isEqualTo(RELEASED);
    }

    @Test
    void aNewMigrationTakesTheNextNumberAfterTheHighest() throws IOException {
        List<Integer> newer = versions().stream().filter(v -> v > 30).toList();

        assertThat(newer).as("after V30 the versions run 31, 32, ... with no gap")
                .isEqualTo(IntStream.rangeClosed(31, 30 + newer.size()).boxed().toList());
    }
}

package dev.crosspost.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/} link to each other and to files of the repository: every relative link (and image)
 * names a file that exists, and a {@code #fragment} names a heading of its target (GitHub's anchors), so a newcomer
 * following the front door never lands on nothing.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)");

    @Test
    void everyRelativeLinkInTheReadmeAndDocsLeadsSomewhere() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("src/bench/README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(page));
        }
        assertThat(pages).hasSizeGreaterThan(3);
        assertThat(broken).isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsCaught() throws IOException {
        Path dir = Files.createTempDirectory("docs-links");
        Files.writeString(dir.resolve("a.md"), "# Title\n## Some `code` here\n[ok](#some-code-here) [gone](b.md) "
                + "[bad](#nowhere) [web](https://example.org)\n```\n[in code](c.md)\n```\n");
        assertThat(brokenLinks(dir.resolve("a.md"))).hasSize(2)
                .anySatisfy(b -> assertThat(b).contains("b.md")).anySatisfy(b -> assertThat(b).contains("#nowhere"));
    }

    private static List<String> brokenLinks(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        int number = 0;
        boolean fence = false;
        for (String line : Files.readAllLines(page)) {
            number++;
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            Matcher m = LINK.matcher(line);
            while (!fence && m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ":" + number + ": no file " + target);
                } else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ":" + number + ": no heading " + target);
                }
            }
        }
        return broken;
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fence = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fence && m.matches()) {
                String slug = m.group(1).strip().toLowerCase(Locale.ROOT).replace("`", "")
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }
}

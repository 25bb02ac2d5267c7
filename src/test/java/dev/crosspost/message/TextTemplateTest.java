package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TextTemplateTest {

    @Test
    void fillsPlaceholdersAndLeavesUnknownOnesVisible() {
        var values = Map.of("sender", "Alice", "text", "hi {sender} $1 \\o/", "channel", "shoutbox:team");
        assertThat(TextTemplate.render("[{channel}] {sender}: {text}", values))
                .isEqualTo("[shoutbox:team] Alice: hi {sender} $1 \\o/");
        assertThat(TextTemplate.render("{sendr}: {text}", Map.of("text", "x"))).isEqualTo("{sendr}: x");
        assertThat(TextTemplate.render("no placeholders", Map.of())).isEqualTo("no placeholders");
    }
}

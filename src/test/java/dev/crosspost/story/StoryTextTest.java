package dev.crosspost.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosspost.refusal.Invalid;
import org.junit.jupiter.api.Test;

class StoryTextTest {

    @Test
    void aTitleIsOneCleanLine() {
        assertThat(StoryText.title("  Lunch\n\ton\u0007 Friday  ", 200)).isEqualTo("Lunch on Friday");
        assertThatThrownBy(() -> StoryText.title(" \n ", 200)).isInstanceOf(Invalid.class)
                .hasMessage("title must not be empty");
        assertThatThrownBy(() -> StoryText.title("x".repeat(201), 200)).hasMessage("title is longer than 200 characters");
        assertThatThrownBy(() -> StoryText.title(null, 200)).hasMessage("field 'title' is required");
    }

    @Test
    void aBodyKeepsItsLinesAndLosesControlCharacters() {
        assertThat(StoryText.clean("body", "\r\n one\r\ntwo\u0000\n\tthree \n", 100)).isEqualTo("one\ntwo\n\tthree");
    }

    @Test
    void theDefaultTitleIsTheFirstWordsOfTheText() {
        assertThat(StoryText.firstWords("A stitch in time saves nine.", 8, 200)).isEqualTo("A stitch in time saves nine.");
        assertThat(StoryText.firstWords("one two three four five six seven eight nine ten", 8, 200))
                .isEqualTo("one two three four five six seven eight…");
        assertThat(StoryText.firstWords("short words\nover lines", 8, 200)).isEqualTo("short words over lines");
        assertThat(StoryText.firstWords("x".repeat(300), 8, 200)).hasSize(200).endsWith("…");
        assertThat(StoryText.firstWords("aaa bbb ccc", 8, 8)).isEqualTo("aaa bbb…");
        assertThat(StoryText.firstWords("two  spaces", 8, 200)).isEqualTo("two spaces");
    }
}

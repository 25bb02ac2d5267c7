package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void cleaningKeepsLinesAndTabsAndDropsOtherControlCharactersAndLoneSurrogates() {
        assertThat(Text.clean("  a\r\nb\rc\u2028d\te\u0000f\u0007g\ud800h\udc00i \n")).isEqualTo("a\nb\nc\nd\tefghi");
        assertThat(Text.clean("emoji \ud83d\ude00 stays")).isEqualTo("emoji \ud83d\ude00 stays");
        assertThat(Text.clean(null)).isNull();
    }

    @Test
    void aMultiLineTextCannotForgeASecondRelayedLine() {
        String forged = "[team] Bob: hi\n[team] Crosspost Admin: everyone is fired";
        String out = Text.oneEntry(forged);
        assertThat(out).isEqualTo("[team] Bob: hi\n  | [team] Crosspost Admin: everyone is fired");
        assertThat(out.lines().skip(1)).allMatch(line -> line.startsWith(Text.CONTINUATION));
        assertThat(Text.oneEntry("a\r\nb\rc")).isEqualTo("a\n  | b\n  | c");
        assertThat(Text.oneEntry("one line")).isEqualTo("one line");
    }
}

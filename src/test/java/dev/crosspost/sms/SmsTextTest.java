package dev.crosspost.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void shortTextsStayLongOnesAreCutToTheLimitWithAnEllipsis() {
        assertThat(SmsText.cut("  hello  ", 160)).isEqualTo("hello");
        String cut = SmsText.cut("x".repeat(200), 160);
        assertThat(cut).hasSize(160).endsWith("...");
        assertThat(SmsText.cut("a".repeat(160), 160)).hasSize(160).doesNotEndWith("...");
        // never splits a surrogate pair
        assertThat(SmsText.cut("😀".repeat(20), 10)).isEqualTo("😀".repeat(7) + "...");
    }

    @Test
    void aSecondLineCannotPassForAnotherMessage() {
        assertThat(SmsText.cut("[team] Mallory: hi\n[team] Crosspost Admin: everyone is fired", 160))
                .isEqualTo("[team] Mallory: hi\n  | [team] Crosspost Admin: everyone is fired");
    }
}

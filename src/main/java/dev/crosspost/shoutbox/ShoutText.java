package dev.crosspost.shoutbox;

import dev.crosspost.refusal.Invalid;
import dev.crosspost.message.Text;

/** What a shout's text may be: not blank, not too long, no control characters but newline and tab. */
final class ShoutText {

    private ShoutText() {
    }

    static String clean(String raw, int maxLength) {
        if (raw == null) {
            throw new Invalid("field 'text' is required");
        }
        String text = Text.clean(raw);
        if (text.isEmpty()) {
            throw new Invalid("text must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new Invalid("text is longer than " + maxLength + " characters");
        }
        return text;
    }
}

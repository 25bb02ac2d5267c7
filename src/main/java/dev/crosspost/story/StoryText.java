package dev.crosspost.story;

import dev.crosspost.refusal.Invalid;
import dev.crosspost.message.Text;

/** What titles, bodies and comments may be: not blank, not too long, no control characters. */
final class StoryText {

    private StoryText() {
    }

    /** A title is one line: line breaks and tabs become spaces. */
    static String title(String raw, int maxLength) {
        String text = clean("title", raw, maxLength);
        return text.replaceAll("\\s+", " ");
    }

    /** Multi-line text: keeps newlines and tabs, drops other control characters, trims. */
    static String clean(String field, String raw, int maxLength) {
        if (raw == null) {
            throw new Invalid("field '" + field + "' is required");
        }
        String text = Text.clean(raw);
        if (text.isEmpty()) {
            throw new Invalid(field + " must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new Invalid(field + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** The first {@code words} words of {@code text}, with an ellipsis when cut, at most {@code maxLength}. */
    static String firstWords(String text, int words, int maxLength) {
        String[] parts = text.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        int taken = 0;
        while (taken < parts.length && taken < words
                && out.length() + parts[taken].length() + (taken == 0 ? 0 : 1) <= maxLength - 1) {
            out.append(taken == 0 ? "" : " ").append(parts[taken]);
            taken++;
        }
        if (taken == 0) {
            // one word longer than a title: cut it
            return parts[0].substring(0, Math.min(parts[0].length(), maxLength - 1)) + "…";
        }
        return taken < parts.length ? out + "…" : out.toString();
    }
}

package dev.crosspost.shoutbox;

import dev.crosspost.message.Text;
import dev.crosspost.web.ApiException;
import org.springframework.http.HttpStatus;

/** What a shout's text may be: not blank, not too long, no control characters but newline and tab. */
final class ShoutText {

    private ShoutText() {
    }

    static String clean(String raw, int maxLength) {
        if (raw == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "field 'text' is required");
        }
        String text = Text.clean(raw);
        if (text.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "text must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "text is longer than " + maxLength + " characters");
        }
        return text;
    }
}

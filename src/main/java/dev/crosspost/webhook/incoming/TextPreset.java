package dev.crosspost.webhook.incoming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.refusal.Invalid;

/**
 * {@code text}: Slack's incoming-webhook body, {@code {"text": "...", "username": "..."}}; anything else in it
 * (blocks, attachments, icons) is left alone. The sender shown is {@code username}, else the hook's name.
 * Attributes: {@code preset}, {@code username} (when given).
 */
final class TextPreset implements Preset {

    static final int MAX_TEXT = 4000;

    private final String hookName;

    TextPreset(String hookName) {
        this.hookName = hookName;
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Reading read(JsonNode payload, UnaryOperator<String> header) {
        JsonNode text = payload.path("text");
        if (!text.isTextual() || text.asText().isBlank()) {
            throw new Invalid("the text preset needs a JSON object with a non-empty string field 'text'");
        }
        if (text.asText().length() > MAX_TEXT) {
            throw new Invalid("field 'text' is longer than " + MAX_TEXT + " characters");
        }
        String username = Preset.firstLine(Preset.text(payload, "/username"), 100);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("preset", name());
        if (!username.isEmpty()) {
            attributes.put("username", username);
        }
        return Reading.message(text.asText().strip(), username.isEmpty() ? hookName : username, attributes);
    }
}

package dev.crosspost.webhook.incoming;

import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns what another system POSTs into one message: its text, who to show as its sender, and the attributes a BPMN
 * gateway can route on (process variables of the queue). Refuses a payload it cannot read with
 * {@link dev.crosspost.refusal.Invalid} (400).
 */
interface Preset {

    /** The preset's name, as the API takes it. */
    String name();

    /**
     * What the payload says.
     *
     * @param payload the body, parsed
     * @param header  a request header by name (case-insensitive), or {@code null}
     */
    Reading read(JsonNode payload, UnaryOperator<String> header);

    /**
     * A payload read: a message ({@code text} set), or nothing to say ({@code ignored} says why: a ping, an event the
     * preset does not turn into messages), answered 200 all the same.
     */
    record Reading(String text, String senderName, Map<String, String> attributes, String ignored) {

        static Reading message(String text, String senderName, Map<String, String> attributes) {
            return new Reading(text, senderName, Map.copyOf(attributes), null);
        }

        static Reading ignored(String why) {
            return new Reading(null, null, Map.of(), why);
        }
    }

    /** A field's text, or "" when it is missing or not a value. */
    static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    /** The first line of {@code text}, at most {@code max} characters (ending in "…" when cut). */
    static String firstLine(String text, int max) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }
}

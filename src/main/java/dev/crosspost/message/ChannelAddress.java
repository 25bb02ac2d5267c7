package dev.crosspost.message;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A channel, written {@code kind:name} (for example {@code shoutbox:dev-team} or
 * {@code xmpp-room:dev@conference.example.org}). The address of an inbound channel is also the name of
 * the BPMN message that starts its queue.
 */
public record ChannelAddress(String kind, String name) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_NAME = 255;

    public ChannelAddress {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("channel kind must be lower-case letters, digits or '-', got '" + kind + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("channel name is longer than " + MAX_NAME + " characters");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("channel name must not contain spaces or control characters");
        }
    }

    /** Parses {@code kind:name}; the kind is case-insensitive. */
    public static ChannelAddress parse(String address) {
        if (address == null) {
            throw new IllegalArgumentException("channel address is missing");
        }
        String trimmed = address.trim();
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("channel address must look like kind:name, got '" + address + "'");
        }
        return new ChannelAddress(trimmed.substring(0, colon).toLowerCase(Locale.ROOT), trimmed.substring(colon + 1));
    }

    public static ChannelAddress of(String kind, String name) {
        return new ChannelAddress(kind, name);
    }

    @Override
    public String toString() {
        return kind + ":" + name;
    }
}

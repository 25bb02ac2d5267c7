package dev.crosspost.webhook;

import java.util.regex.Pattern;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.refusal.Invalid;

/** A hook's name: {@code [a-z0-9-]{1,32}}, the name part of its channel address {@code webhook:<name>}. */
public final class HookName {

    /** The channel kind of hooks, both ways. */
    public static final String KIND = "webhook";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private HookName() {
    }

    /** Whether {@code name} is a well-formed hook name. */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** {@code name}, or a 400 saying what a name must look like. */
    public static String checked(String name) {
        if (!valid(name)) {
            throw new Invalid("a hook name is 1 to 32 of a-z, 0-9 and '-', got '"
                    + (name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'");
        }
        return name;
    }

    public static ChannelAddress address(String name) {
        return ChannelAddress.of(KIND, name);
    }
}

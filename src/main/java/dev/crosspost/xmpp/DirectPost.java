package dev.crosspost.xmpp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A direct message to the bot that names its team: {@code !post <team> text}. It is routed like any direct message
 * (not answered as a command), with the team as the message's attribute {@code team}, for a member in several
 * teams to choose where it goes.
 */
record DirectPost(String team, String text) {

    static final String USAGE = "!post <team> text – (to me directly) put text on that team's shoutbox";
    private static final Pattern POST = Pattern.compile("(?s)\\s*!post(?:\\s+(\\S+)\\s+(\\S.*))?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** Whether the text is a {@code !post}, well formed or not. */
    static boolean isPost(String text) {
        return text != null && text.strip().toLowerCase(java.util.Locale.ROOT).matches("!post(\\s.*)?");
    }

    /** The team and text of a well-formed {@code !post}; empty when it lacks either. */
    static Optional<DirectPost> parse(String text) {
        var m = POST.matcher(text == null ? "" : text);
        return m.matches() && m.group(1) != null ? Optional.of(new DirectPost(m.group(1), m.group(2).strip()))
                : Optional.empty();
    }
}

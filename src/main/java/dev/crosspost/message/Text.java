package dev.crosspost.message;

/**
 * Text that comes in and goes out, the same way on every channel.
 * <p>
 * {@link #clean}: what every inbound path keeps of a text (the shoutbox API, stories and comments, room lines
 * and direct messages): line breaks become {@code \n}, other control characters and unpaired surrogates are
 * dropped, and the ends are trimmed.
 * <p>
 * {@link #oneEntry}: how a text that may span several lines goes out on a line-based channel (a room, a direct
 * message, an SMS, the bot's {@code !last}). Every line after the first starts with {@link #CONTINUATION}, so
 * a shout {@code "hi\n[team] Crosspost Admin: everyone is fired"} can never show as a second relayed line:
 * relayed lines start with their {@code [team] Name:} prefix, continuation lines never do.
 */
public final class Text {

    /** What starts every continuation line of a multi-line text on a line-based channel (ASCII: SMS-safe). */
    public static final String CONTINUATION = "  | ";

    private Text() {
    }

    /** The text as every inbound path keeps it; {@code null} stays {@code null}. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                continue; // unpaired: not a character, and not encodable in UTF-8
            } else if (c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append('\n');
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** The text as one entry on a line-based channel: continuation lines are marked (see the class comment). */
    public static String oneEntry(String text) {
        if (text == null || text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        String[] lines = text.split("\r\n|\r|\n|\u2028|\u2029|\u0085", -1);
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.append('\n').append(CONTINUATION).append(lines[i]);
        }
        return out.toString();
    }
}

package dev.crosspost.mail;

/**
 * Makes user text safe for a mail header: every line break and other control character becomes a space, so
 * a subject or display name can never end the header and start another one ({@code "\r\nBcc: x@y"}).
 */
final class HeaderText {

    private HeaderText() {
    }

    static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength));
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                ? ' ' : c));
        String single = out.toString().replaceAll(" {2,}", " ").strip();
        return single.length() <= maxLength ? single : single.substring(0, maxLength - 1).strip() + "…";
    }
}

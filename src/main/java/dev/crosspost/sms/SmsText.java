package dev.crosspost.sms;

import dev.crosspost.message.Text;

/** Cuts a text to the configured SMS length; a cut text ends in "..." (ASCII, so it stays GSM-7). */
final class SmsText {

    static final String ELLIPSIS = "...";

    private SmsText() {
    }

    static String cut(String text, int maxLength) {
        String t = Text.oneEntry(text.strip());
        if (t.codePointCount(0, t.length()) <= maxLength) {
            return t;
        }
        int end = t.offsetByCodePoints(0, maxLength - ELLIPSIS.length());
        return t.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}

package dev.crosspost.bench;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The unique mark every benchmark message carries, {@code tok:<run>:<phase>:<seq>}: which run, which phase
 * (a rate, the room direction, a baseline) and which message of that phase. Found anywhere in a line, so the
 * room's {@code [team] Admin: ...} prefix or a shout's author do not matter.
 */
record Token(String run, String phase, long seq) {

    private static final Pattern PATTERN = Pattern.compile("tok:([0-9a-z]+):([0-9a-z]+):(\\d+)");

    Token {
        if (!run.matches("[0-9a-z]+") || !phase.matches("[0-9a-z]+") || seq < 0) {
            throw new IllegalArgumentException("bad token parts " + run + "/" + phase + "/" + seq);
        }
    }

    static Optional<Token> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = PATTERN.matcher(text);
        return m.find() ? Optional.of(new Token(m.group(1), m.group(2), Long.parseLong(m.group(3)))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "tok:" + run + ":" + phase + ":" + seq;
    }
}

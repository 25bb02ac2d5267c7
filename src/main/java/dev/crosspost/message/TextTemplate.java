package dev.crosspost.message;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text templates modelers write in element templates: {@code {sender}}, {@code {text}}, {@code {channel}}
 * and any other {@code {name}} found among the values. An unknown placeholder is left as it is, so a typo
 * shows up in the output instead of silently vanishing.
 */
public final class TextTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private TextTemplate() {
    }

    public static String render(String template, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package dev.crosspost.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docker/compose.yaml} as the tests read it: the YAML tree, a service's environment, and Compose's
 * interpolation of {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?error}} (and their forms without the
 * colon, {@code ${VAR:+other}}, {@code $VAR}, {@code $$}) from the shell's variables.
 */
final class ComposeFile {

    static final Path PATH = Path.of("docker/compose.yaml");
    static final YAMLMapper YAML = new YAMLMapper();

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private ComposeFile() {
    }

    static String text() {
        try {
            return Files.readString(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree() {
        return parse(text());
    }

    static ObjectNode parse(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's {@code environment} as written (a mapping, or a list of {@code KEY=VALUE}), not interpolated. */
    static Map<String, String> environment(JsonNode compose, String service) {
        JsonNode env = compose.path("services").path(service).path("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env.isArray()) {
            env.forEach(item -> {
                String s = item.asText();
                int eq = s.indexOf('=');
                result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            });
        } else {
            env.properties().forEach(e -> result.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return result;
    }

    /** The value as Compose hands it to the container, with {@code shell} as the variables of the shell. */
    static String interpolate(String value, Map<String, String> shell) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(substitute(m, shell)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String substitute(Matcher m, Map<String, String> shell) {
        if (m.group(1) != null) {
            return "$";
        }
        String name = m.group(2) != null ? m.group(2) : m.group(5);
        String set = shell.get(name);
        String op = m.group(3);
        if (op == null) {
            return set == null ? "" : set;
        }
        boolean colon = op.startsWith(":");
        boolean present = set != null && !(colon && set.isEmpty());
        String word = interpolate(m.group(4), shell);
        return switch (op.charAt(op.length() - 1)) {
            case '-' -> present ? set : word;
            case '+' -> present ? word : "";
            default -> {
                if (!present) {
                    throw new IllegalArgumentException("required variable " + name + " is missing a value: " + word);
                }
                yield set;
            }
        };
    }
}

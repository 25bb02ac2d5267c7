package dev.crosspost.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An nginx configuration read as nginx reads it, far enough for the tests: directives with their arguments, and
 * the directives inside their blocks ({@code upstream}, {@code server}, {@code location}). Comments are dropped,
 * quotes removed; variables stay as written ({@code $remote_addr}).
 */
record NginxConf(String name, List<String> args, List<NginxConf> children) {

    static NginxConf parse(String text) {
        List<String> tokens = tokens(text);
        int[] at = {0};
        return new NginxConf("", List.of(), block(tokens, at));
    }

    /** The directives named {@code name} directly in this block. */
    List<NginxConf> get(String name) {
        return children.stream().filter(c -> c.name.equals(name)).toList();
    }

    /** This directive and every one inside it, at any depth. */
    Stream<NginxConf> all() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(NginxConf::all));
    }

    String arg(int i) {
        return args.get(i);
    }

    private static List<NginxConf> block(List<String> tokens, int[] at) {
        List<NginxConf> directives = new ArrayList<>();
        while (at[0] < tokens.size()) {
            String name = tokens.get(at[0]++);
            if (name.equals("}")) {
                return directives;
            }
            List<String> args = new ArrayList<>();
            while (true) {
                String t = tokens.get(at[0]++);
                if (t.equals(";")) {
                    directives.add(new NginxConf(name, args, List.of()));
                    break;
                }
                if (t.equals("{")) {
                    directives.add(new NginxConf(name, args, block(tokens, at)));
                    break;
                }
                args.add(t);
            }
        }
        return directives;
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '{' || c == '}' || c == ';') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int end = text.indexOf(c, i + 1);
                tokens.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "{};".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }
}

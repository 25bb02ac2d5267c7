package dev.crosspost.fortune;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text format of {@code fortune}'s data files (strfile input): entries separated by a line holding only
 * {@code %}. The {@code .dat} index beside a file is only an index into this text, so it is not needed.
 */
final class FortuneFile {

    private FortuneFile() {
    }

    /** The entries of a fortune file, in order; blank entries are left out, trailing whitespace trimmed. */
    static List<String> parse(String text) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.equals("%")) {
                add(entries, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(entries, current);
        return entries;
    }

    /** Reads UTF-8, replacing undecodable bytes (a few old collections are Latin-1) instead of failing. */
    static List<String> read(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return parse(decoder.decode(ByteBuffer.wrap(in.readAllBytes())).toString());
    }

    private static void add(List<String> entries, StringBuilder entry) {
        String text = entry.toString().stripTrailing();
        // keep leading indentation of verses, drop leading blank lines
        while (text.startsWith("\n")) {
            text = text.substring(1);
        }
        if (!text.isBlank()) {
            entries.add(text);
        }
    }
}

package dev.crosspost.message;

import java.time.Instant;
import java.util.List;

/** Reads a team's shoutbox, for adapters that show shouts elsewhere (the chat bot's {@code !last}). */
public interface ShoutboxReader {

    /** The newest {@code limit} shouts of the team's shoutbox, newest first. */
    List<ShoutLine> newest(String team, int limit);

    /** One shout as others see it. */
    record ShoutLine(String authorName, String text, Instant at) {
    }
}

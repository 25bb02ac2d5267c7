package dev.crosspost.shoutbox;

import java.time.Instant;
import java.util.List;

import dev.crosspost.util.Contract;

/** The shoutbox's declared contract: reads a team's shoutbox, for features that show shouts elsewhere (the bot's {@code !last}). */
@Contract
public interface ShoutboxReader {

    /** The newest {@code limit} shouts of the team's shoutbox, newest first. */
    List<ShoutLine> newest(String team, int limit);

    /** One shout as others see it. */
    record ShoutLine(String authorName, String text, Instant at) {
    }
}

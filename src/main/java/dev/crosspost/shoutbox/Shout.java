package dev.crosspost.shoutbox;

import java.time.Instant;

/**
 * One line on a team's shoutbox. A shout posted by a person is an incoming message and shares its id; a
 * shout Crosspost relayed from another channel carries that channel as {@code origin}.
 */
record Shout(String id, String shoutbox, String author, String authorName, String text, Instant createdAt,
             String origin) {
}

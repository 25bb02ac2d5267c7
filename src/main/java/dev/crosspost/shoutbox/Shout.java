package dev.crosspost.shoutbox;

import java.time.Instant;

import org.springframework.lang.Nullable;

/**
 * One line on a team's shoutbox. A shout posted by a person is an incoming message and shares its id; a
 * shout Crosspost relayed from another channel carries that channel as {@code origin}.
 */
record Shout(String id, String shoutbox, String author, @Nullable String authorName, String text,
             Instant createdAt, @Nullable String origin) {
}

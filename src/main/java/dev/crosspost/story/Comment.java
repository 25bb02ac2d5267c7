package dev.crosspost.story;

import java.time.Instant;

/** A comment on a story. */
record Comment(String id, String storyId, String author, String authorName, String body, Instant createdAt) {
}

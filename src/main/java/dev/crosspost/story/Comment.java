package dev.crosspost.story;

import java.time.Instant;

import org.springframework.lang.Nullable;

/** A comment on a story. */
record Comment(String id, String storyId, String author, @Nullable String authorName, String body, Instant createdAt) {
}

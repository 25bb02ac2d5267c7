package dev.crosspost.shoutbox;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

/**
 * One line on a team's shoutbox. A shout posted by a person is an incoming message and shares its id; a
 * shout Crosspost relayed from another channel carries that channel as {@code origin}.
 *
 * @param editedAt      when its text was last changed; {@code null}: never
 * @param editableUntil until when its author may edit it ({@code crosspost.shoutbox.edit-window} after it was
 *                      posted; moderators and admins of the team may at any time); {@code null}: a relayed shout,
 *                      which is edited where it was said
 * @param messageId     the incoming message it is (its own id) or came from (a relayed copy); {@code null}: a copy
 *                      relayed before Crosspost kept the link
 */
record Shout(String id, String shoutbox, String author, @Nullable String authorName, String text,
             Instant createdAt, @Nullable String origin,
             @Nullable @Schema(description = "When its text was last changed; null: never") Instant editedAt,
             @Nullable @Schema(description = "Until when its author may edit it (moderators and admins of the "
                     + "team may at any time); null: relayed from elsewhere, edited where it was said")
             Instant editableUntil,
             @JsonIgnore @Nullable String messageId) {

    /** A shout posted here by a person: its own message, editable by its author for {@code window}. */
    static Shout posted(String id, String box, String author, String authorName, String text, Instant at,
                        Duration window) {
        return new Shout(id, box, author, authorName, text, at, null, null, at.plus(window), id);
    }

    /** A copy of message {@code messageId} that a queue relayed here from {@code origin}. */
    static Shout relayed(String id, String box, String author, String authorName, String text, Instant at,
                         String origin, String messageId) {
        return new Shout(id, box, author, authorName, text, at, origin, null, null, messageId);
    }

    /** Whether it was posted here (not relayed from another channel). */
    boolean postedHere() {
        return origin == null;
    }
}

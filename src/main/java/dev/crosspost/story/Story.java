package dev.crosspost.story;

import java.time.Instant;

import dev.crosspost.member.Member;
import org.springframework.lang.Nullable;

/**
 * A story: written on the site by a member, or saved from a message by a queue (then {@code author} is
 * {@code crosspost}, and the source fields name the message and the task that saved it).
 *
 * @param team    the team that may read it, or {@code null} for every member
 * @param origin  where the story came from when Crosspost saved it (the message's channel), else {@code null}
 * @param version starts at 1, counts the edits; an update names the version it edits
 */
record Story(String id, String title, String body, String author, @Nullable String authorName, @Nullable String team,
             @Nullable String sourceMessageId, @Nullable String sourceChannel, @Nullable String sourceStep,
             @Nullable String origin, int version,
             Instant createdAt, Instant updatedAt) {

    static final String CROSSPOST = "crosspost";

    boolean visibleTo(Member reader) {
        return team == null || reader.canAccessTeam(team);
    }

    /** Its author, or an admin; a story Crosspost saved (origin set) only an admin. */
    boolean editableBy(Member editor) {
        return editor.admin() || origin == null && author.equals(editor.id());
    }

    Story edited(String newTitle, String newBody, Instant at) {
        return new Story(id, newTitle, newBody, author, authorName, team, sourceMessageId, sourceChannel, sourceStep,
                origin, version + 1, createdAt, at);
    }
}

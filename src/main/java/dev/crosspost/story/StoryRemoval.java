package dev.crosspost.story;

import dev.crosspost.member.Member;
import dev.crosspost.message.MessageChanges;
import dev.crosspost.message.MessageLog;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.refusal.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a story (with its comments) or one comment: by its author, a moderator of the story's team or an
 * admin ({@link Moderation}); every removal is recorded. A story or comment the caller cannot read is a 404,
 * as everywhere else. The announcements of what is removed (the story's creation and updates, the comment) are
 * taken back where they were said ({@link MessageChanges#removed}: a room's line is retracted).
 */
@Service
class StoryRemoval {

    private final StoryStore store;
    private final Moderation moderation;
    private final MessageLog messages;
    private final MessageChanges changes;

    StoryRemoval(StoryStore store, Moderation moderation, MessageLog messages, MessageChanges changes) {
        this.store = store;
        this.moderation = moderation;
        this.messages = messages;
        this.changes = changes;
    }

    @Transactional
    void removeStory(Member member, String storyId) {
        Story story = visible(member, storyId);
        moderation.remove(member, new Moderation.Item("story", storyId, "story " + story.title(), story.author(),
                story.team()), () -> {
                    boolean deleted = store.deleteStory(storyId);
                    if (deleted) {
                        StoryEvents.announcements(story).forEach(this::takeBack);
                    }
                    return deleted;
                });
    }

    @Transactional
    void removeComment(Member member, String storyId, String commentId) {
        Story story = visible(member, storyId);
        Comment comment = store.comment(storyId, commentId)
                .orElseThrow(() -> new NotFound("no comment '" + commentId + "'"));
        moderation.remove(member, new Moderation.Item("comment", commentId, "story " + storyId, comment.author(),
                story.team()), () -> {
                    boolean deleted = store.deleteComment(commentId);
                    if (deleted) {
                        takeBack(StoryEvents.announcement(comment));
                    }
                    return deleted;
                });
    }

    /** Takes back the announcement of event {@code eventId} where it was said ({@link MessageChanges#removed}). */
    private void takeBack(String eventId) {
        messages.written(StoryEvents.CHANNEL, eventId, "").ifPresent(m -> changes.removed(m.messageId()));
    }

    private Story visible(Member reader, String id) {
        return store.find(id).filter(s -> s.visibleTo(reader)).orElseThrow(() -> noStory(id));
    }

    private static NotFound noStory(String id) {
        return new NotFound("no story '" + id + "'");
    }
}

package dev.crosspost.story;

import dev.crosspost.member.Member;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.refusal.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a story (with its comments) or one comment: by its author, a moderator of the story's team or an
 * admin ({@link Moderation}); every removal is recorded. A story or comment the caller cannot read is a 404,
 * as everywhere else.
 */
@Service
class StoryRemoval {

    private final StoryStore store;
    private final Moderation moderation;

    StoryRemoval(StoryStore store, Moderation moderation) {
        this.store = store;
        this.moderation = moderation;
    }

    @Transactional
    void removeStory(Member member, String storyId) {
        Story story = visible(member, storyId);
        moderation.remove(member, new Moderation.Item("story", storyId, "story " + story.title(), story.author(),
                story.team()), () -> store.deleteStory(storyId));
    }

    @Transactional
    void removeComment(Member member, String storyId, String commentId) {
        Story story = visible(member, storyId);
        Comment comment = store.comment(storyId, commentId)
                .orElseThrow(() -> new NotFound("no comment '" + commentId + "'"));
        moderation.remove(member, new Moderation.Item("comment", commentId, "story " + storyId, comment.author(),
                story.team()), () -> store.deleteComment(commentId));
    }

    private Story visible(Member reader, String id) {
        return store.find(id).filter(s -> s.visibleTo(reader)).orElseThrow(() -> noStory(id));
    }

    private static NotFound noStory(String id) {
        return new NotFound("no story '" + id + "'");
    }
}

package dev.crosspost.story;

import dev.crosspost.member.Member;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.Forbidden;
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
        if (!Moderation.mayRemove(member, story.author(), story.team())) {
            throw new Forbidden("only the author, a moderator or an admin may delete it");
        }
        if (!store.deleteStory(storyId)) {
            throw noStory(storyId);
        }
        moderation.record("story", storyId, "story " + story.title(), story.author(), member);
    }

    @Transactional
    void removeComment(Member member, String storyId, String commentId) {
        Story story = visible(member, storyId);
        Comment comment = store.comment(storyId, commentId)
                .orElseThrow(() -> new NotFound("no comment '" + commentId + "'"));
        if (!Moderation.mayRemove(member, comment.author(), story.team())) {
            throw new Forbidden("only the author, a moderator or an admin may delete it");
        }
        if (!store.deleteComment(commentId)) {
            throw new NotFound("no comment '" + commentId + "'");
        }
        moderation.record("comment", commentId, "story " + storyId, comment.author(), member);
    }

    private Story visible(Member reader, String id) {
        return store.find(id).filter(s -> s.visibleTo(reader)).orElseThrow(() -> noStory(id));
    }

    private static NotFound noStory(String id) {
        return new NotFound("no story '" + id + "'");
    }
}

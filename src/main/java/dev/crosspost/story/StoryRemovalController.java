package dev.crosspost.story;

import dev.crosspost.member.Member;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Deleting stories and comments through the API. */
@RestController
class StoryRemovalController {

    private final StoryRemoval removal;

    StoryRemovalController(StoryRemoval removal) {
        this.removal = removal;
    }

    @Operation(summary = "Delete a story and its comments (its author, a moderator of its team, or an admin)")
    @DeleteMapping("/api/stories/{id}")
    ResponseEntity<Void> deleteStory(@PathVariable String id, Member member) {
        removal.removeStory(member, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete a comment (its author, a moderator of the story's team, or an admin)")
    @DeleteMapping("/api/stories/{id}/comments/{commentId}")
    ResponseEntity<Void> deleteComment(@PathVariable String id, @PathVariable String commentId, Member member) {
        removal.removeComment(member, id, commentId);
        return ResponseEntity.noContent().build();
    }
}

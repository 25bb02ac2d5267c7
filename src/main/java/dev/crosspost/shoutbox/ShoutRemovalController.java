package dev.crosspost.shoutbox;

import dev.crosspost.member.Member;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Deleting a shout through the API. */
@RestController
class ShoutRemovalController {

    private final ShoutRemoval removal;

    ShoutRemovalController(ShoutRemoval removal) {
        this.removal = removal;
    }

    @Operation(summary = "Delete a shout (its author, a moderator of the team, or an admin)",
            description = "Every open page of the shoutbox drops it at once (stream event 'shout-deleted').")
    @DeleteMapping("/api/shoutboxes/{box}/shouts/{id}")
    ResponseEntity<Void> delete(@PathVariable String box, @PathVariable String id, Member member) {
        removal.remove(box, id, member);
        return ResponseEntity.noContent().build();
    }
}

package dev.crosspost.shoutbox;

import java.util.List;

import dev.crosspost.member.Member;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The shoutbox JSON API. */
@RestController
@RequestMapping("/api/shoutboxes/{box}")
class ShoutController {

    private final ShoutboxService shoutboxes;
    private final ShoutEditing editing;
    private final ShoutStream stream;

    ShoutController(ShoutboxService shoutboxes, ShoutEditing editing, ShoutStream stream) {
        this.shoutboxes = shoutboxes;
        this.editing = editing;
        this.stream = stream;
    }

    /** The body of a new shout. */
    record NewShout(@Schema(requiredMode = RequiredMode.REQUIRED) String text) {
    }

    @Operation(summary = "Post a shout", description = "Starts the shoutbox's queue. The same Idempotency-Key "
            + "again returns the first shout and creates nothing.")
    @PostMapping(path = "/shouts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Shout> post(@PathVariable String box, @RequestBody NewShout body, Member author,
                               @Parameter(schema = @Schema(minLength = 1, maxLength = 200))
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var posted = shoutboxes.post(box, author, body.text(), idempotencyKey);
        return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(posted.shout());
    }

    /** The new text of a shout. */
    record ShoutEdit(@Schema(requiredMode = RequiredMode.REQUIRED) String text) {
    }

    @Operation(summary = "Edit a shout (its author within the edit window; a moderator of the team or an admin "
            + "at any time)", description = "The same text rules as posting. The shout keeps its id and place and "
            + "gets editedAt; every open page shows the new text at once (stream event 'shout-edited'), and the "
            + "line the bot said in the team's chat room is corrected. Notifications already sent stay as they "
            + "were, and the queue does not run again. 409: the edit window (crosspost.shoutbox.edit-window, "
            + "15 minutes by default) has passed, or the shout was relayed from elsewhere (edited where it was "
            + "said).")
    @PatchMapping(path = "/shouts/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Shout edit(@PathVariable String box, @PathVariable String id, @RequestBody ShoutEdit body, Member member) {
        return editing.edit(box, id, member, body.text());
    }

    @Operation(summary = "The newest shouts, newest first")
    @GetMapping("/shouts")
    List<Shout> list(@PathVariable String box, @RequestParam(required = false) Integer limit, Member reader) {
        return shoutboxes.newest(box, reader, limit);
    }

    @Operation(summary = "Server-Sent Events: the shoutbox live",
            description = "Events: 'shout' (data: a new shout, the Shout schema), 'shout-edited' (data: the shout "
                    + "as it now reads, with editedAt), 'shout-deleted' (data: {\"id\": ...} of a shout removed).")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String box, Member reader) {
        shoutboxes.checkAccess(box, reader);
        return stream.open(box, reader.id());
    }
}

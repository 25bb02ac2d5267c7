package dev.crosspost.cockpit;

import java.util.List;

import dev.crosspost.member.Member;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read only: the outbox's word on each send, for the Messages tab and the trace ({@code crosspost-common.js}). */
@RestController
class SendsController {

    private final Sends sends;

    SendsController(Sends sends) {
        this.sends = sends;
    }

    /** The sends of these messages (comma-separated ids) that the caller may read. */
    @Operation(summary = "The outbox sends of messages and their outcomes (for the Cockpit plugin)")
    @GetMapping("/api/cockpit/sends")
    List<Sends.Send> sends(Member member,
                           @Parameter(array = @ArraySchema(maxItems = Sends.MAX_MESSAGES,
                                   schema = @Schema(implementation = String.class)))
                           @RequestParam List<String> messageIds) {
        return sends.of(member.id(), messageIds);
    }

    /** Ids of the queue's messages with a send waiting, retrying or failed, newest first. */
    @Operation(summary = "A queue's messages with a send waiting, retrying or failed (for the Cockpit plugin)")
    @GetMapping("/api/cockpit/sends/messages")
    List<String> messages(Member member, @RequestParam String processDefinitionKey,
                          @Parameter(schema = @Schema(allowableValues = {"waiting", "retrying", "failed"}))
                          @RequestParam String outcome) {
        return sends.messagesWith(member.id(), processDefinitionKey, SendOutcome.parse(outcome));
    }
}

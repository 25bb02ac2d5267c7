package dev.crosspost.webhook.outgoing;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The admins' API of outgoing hooks (security/ refuses everyone else with 403). */
@RestController
@Tag(name = "Webhooks (admins)")
class OutgoingHooksController {

    private final OutgoingHooks hooks;

    OutgoingHooksController(OutgoingHooks hooks) {
        this.hooks = hooks;
    }

    /** What an admin asks for: a name ({@code [a-z0-9-]{1,32}}), the receiver's URL and the format. */
    record NewOutgoing(@Schema(example = "mm") String name,
                       @Schema(example = "https://mattermost.example.org/hooks/xxx") String url,
                       @Schema(allowableValues = {"slack", "json"}) String format) {
    }

    @Operation(summary = "Create an outgoing hook: the target webhook:<name> for the redirect task; a json hook's "
            + "signing secret is shown in this answer only")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = OutgoingHooks.Created.class)))
    @ApiResponse(responseCode = "409", description = "The name is taken by another hook (incoming or outgoing)",
            content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
    @PostMapping("/api/hooks/outgoing")
    ResponseEntity<OutgoingHooks.Created> create(@RequestBody NewOutgoing request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(hooks.create(request.name(), request.url(), request.format()));
    }

    @Operation(summary = "The outgoing hooks with their last sends; nothing of their signing secrets")
    @ApiResponse(responseCode = "200", description = "OK")
    @GetMapping("/api/hooks/outgoing")
    List<OutgoingHooks.Listed> list() {
        return hooks.list();
    }

    @Operation(summary = "One outgoing hook with its last sends")
    @ApiResponse(responseCode = "200", description = "OK")
    @GetMapping("/api/hooks/outgoing/{name}")
    OutgoingHooks.Listed get(@PathVariable String name) {
        return hooks.get(name);
    }

    @Operation(summary = "Delete an outgoing hook: sends still queued for it fail (no such hook)")
    @DeleteMapping("/api/hooks/outgoing/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        hooks.delete(name);
        return ResponseEntity.noContent().build();
    }
}

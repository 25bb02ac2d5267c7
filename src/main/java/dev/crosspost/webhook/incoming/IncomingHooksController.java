package dev.crosspost.webhook.incoming;

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

/** The admins' API of incoming hooks (security/ refuses everyone else with 403). */
@RestController
@Tag(name = "Webhooks (admins)")
class IncomingHooksController {

    private final IncomingHooks hooks;

    IncomingHooksController(IncomingHooks hooks) {
        this.hooks = hooks;
    }

    /** What an admin asks for: a name ({@code [a-z0-9-]{1,32}}) and a preset. */
    record NewIncoming(@Schema(example = "ci") String name,
                       @Schema(allowableValues = {"text", "github", "alertmanager"}) String preset) {
    }

    @Operation(summary = "Create an incoming hook: the channel webhook:<name>; its secret URL and HMAC secret are "
            + "shown in this answer only")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = IncomingHooks.Created.class)))
    @ApiResponse(responseCode = "409", description = "The name is taken by another hook (incoming or outgoing)",
            content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
    @PostMapping("/api/hooks/incoming")
    ResponseEntity<IncomingHooks.Created> create(@RequestBody NewIncoming request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(hooks.create(request.name(), request.preset()));
    }

    @Operation(summary = "The incoming hooks with their last calls; nothing of their secrets")
    @ApiResponse(responseCode = "200", description = "OK")
    @GetMapping("/api/hooks/incoming")
    List<IncomingHooks.Listed> list() {
        return hooks.list();
    }

    @Operation(summary = "One incoming hook with its last calls")
    @ApiResponse(responseCode = "200", description = "OK")
    @GetMapping("/api/hooks/incoming/{name}")
    IncomingHooks.Listed get(@PathVariable String name) {
        return hooks.get(name);
    }

    @Operation(summary = "Rotate an incoming hook's URL token and HMAC secret: the old ones stop working at once; "
            + "the new ones are shown in this answer only")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = IncomingHooks.Created.class)))
    @PostMapping("/api/hooks/incoming/{name}/secret")
    IncomingHooks.Created rotate(@PathVariable String name) {
        return hooks.rotate(name);
    }

    @Operation(summary = "Delete an incoming hook: its URL answers 404 from now on")
    @DeleteMapping("/api/hooks/incoming/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        hooks.delete(name);
        return ResponseEntity.noContent().build();
    }
}

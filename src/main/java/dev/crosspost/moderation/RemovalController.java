package dev.crosspost.moderation;

import java.util.List;

import dev.crosspost.member.Member;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The record of removals, for admins. */
@RestController
class RemovalController {

    private final Moderation moderation;

    RemovalController(Moderation moderation) {
        this.moderation = moderation;
    }

    @Operation(summary = "Removed shouts, stories and comments, newest first (admins)",
            description = "Who removed what, and when.")
    @GetMapping("/api/removals")
    List<Moderation.Removal> removals(@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1",
                                              maximum = "1000", defaultValue = "100"))
                                      @RequestParam(defaultValue = "100") int limit, Member reader) {
        if (!reader.admin()) {
            throw new Forbidden("only an admin may read the record of removals");
        }
        if (limit < 1 || limit > 1000) {
            throw new Invalid("limit must be between 1 and 1000");
        }
        return moderation.newest(limit);
    }
}

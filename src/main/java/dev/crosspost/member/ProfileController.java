package dev.crosspost.member;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crosspost.refusal.Invalid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The profile page ({@code /profile}) and its API. The verification state of each address (issue: identity)
 * joins {@link Profiles.Profile} and the page's "verification" cells when that issue lands.
 */
@Controller
class ProfileController {

    private final Profiles profiles;

    ProfileController(Profiles profiles) {
        this.profiles = profiles;
    }

    /**
     * A profile update. A field left out (or {@code null}) keeps its value, an empty string clears it; a field
     * this API does not know is refused (400), so a typo never looks like a saved change.
     */
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ProfileUpdate(@Schema(maxLength = Profiles.MAX_NAME) String name,
                         @Schema(maxLength = 254, example = "alice@example.org") String email,
                         @Schema(example = "alice@example.org") String xmpp,
                         @Schema(pattern = "^\\s*(\\+[1-9][0-9]{6,14})?\\s*$", example = "+15551234567") String phone,
                         @JsonIgnore @Schema(hidden = true) Map<String, Object> unknown) {

        ProfileUpdate {
            unknown = unknown == null ? new LinkedHashMap<>() : unknown;
        }

        @JsonAnySetter
        void unknownField(String field, Object value) {
            unknown.put(field, value);
        }
    }

    @Operation(summary = "A member's profile (their own, or anyone's for an admin)")
    @GetMapping("/api/members/{id}/profile")
    @ResponseBody
    Profiles.Profile get(@PathVariable String id, Member caller) {
        return profiles.read(caller, id);
    }

    @Operation(summary = "Change a member's profile (their own, or anyone's for an admin)",
            description = "Fields: name (only an admin changes it: 403 otherwise), email, xmpp (bare JID), phone "
                    + "(+15551234567). Left out: unchanged; \"\": cleared; any other field: 400.")
    @PutMapping("/api/members/{id}/profile")
    @ResponseBody
    Profiles.Profile update(@PathVariable String id, @RequestBody ProfileUpdate body, Member caller) {
        if (!body.unknown().isEmpty()) {
            throw new Invalid("unknown field(s) " + String.join(", ",
                    body.unknown().keySet()) + "; a profile has name, email, xmpp and phone");
        }
        return profiles.update(caller, id, body.name(), body.email(), body.xmpp(), body.phone());
    }

    @GetMapping("/profile")
    String page() {
        return "forward:/profile.html";
    }
}

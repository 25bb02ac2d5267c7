package dev.crosspost.member;

import java.util.List;

import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in member, and the confirmation of a contact address with the code sent to it
 * ({@link ContactAddresses}). The profile itself: {@link ProfileController}.
 */
@RestController
class MemberController {

    private final Directory directory;
    private final ContactAddresses contacts;
    private final Profiles profiles;

    MemberController(Directory directory, ContactAddresses contacts, Profiles profiles) {
        this.directory = directory;
        this.contacts = contacts;
        this.profiles = profiles;
    }

    record Me(String id, String name, List<String> teams, boolean admin, @Nullable Csrf csrf) {
    }

    /** What the pages need to send the session's CSRF token. */
    record Csrf(String headerName, String parameterName, String token) {
    }

    record Code(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^\\s*[0-9]{6}\\s*$")
                String code) {
    }

    @GetMapping("/api/me")
    Me me(Member member, CsrfToken csrf) {
        return new Me(member.id(), member.name(), member.teams().stream().filter(t -> !t.equals("camunda-admin"))
                .sorted().toList(), member.admin(),
                csrf == null ? null : new Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }

    /** Confirms the code sent to one of the member's addresses; answers the profile with the address verified. */
    @Operation(summary = "Confirm the one-time code sent to a new XMPP address or phone number")
    @PostMapping("/api/members/{id}/verify")
    Profiles.Profile verify(@PathVariable String id, @RequestBody Code code, Member caller) {
        if (!caller.admin() && !caller.id().equals(id)) {
            throw new Forbidden("only an admin may see or change another member's profile");
        }
        directory.member(id).orElseThrow(() -> new NotFound("no member '" + id + "'"));
        var kind = contacts.verify(id, code.code());
        var profile = profiles.read(caller, id);
        return new Profiles.Profile(profile.id(), profile.name(), profile.email(), profile.xmpp(),
                profile.xmppVerified(), profile.xmppCodePending(), profile.phone(), profile.phoneVerified(),
                profile.phoneCodePending(), List.of(kind.id() + " verified"));
    }
}

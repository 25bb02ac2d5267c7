package dev.crosspost.member;

import java.util.List;
import java.util.regex.Pattern;

import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in member, and members' contact details (XMPP address, phone) kept as Camunda user info. */
@RestController
class MemberController {

    private static final Pattern BARE_JID = Pattern.compile("[^@/\\s\"&'<>:]+@[A-Za-z0-9.-]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Directory directory;
    private final AddressChanges addressChanges;

    MemberController(Directory directory, AddressChanges addressChanges) {
        this.directory = directory;
        this.addressChanges = addressChanges;
    }

    record Me(String id, String name, List<String> teams, boolean admin, Csrf csrf) {
    }

    /** What the pages need to send the session's CSRF token. */
    record Csrf(String headerName, String parameterName, String token) {
    }

    record Profile(String xmpp, String phone) {
    }

    @GetMapping("/api/me")
    Me me(Member member, CsrfToken csrf) {
        return new Me(member.id(), member.name(), member.teams().stream().filter(t -> !t.equals("camunda-admin"))
                .sorted().toList(), member.admin(),
                csrf == null ? null : new Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }

    @PutMapping("/api/members/{id}/profile")
    Profile updateProfile(@PathVariable String id, @RequestBody Profile profile, Member caller) {
        if (!caller.admin() && !caller.id().equals(id)) {
            throw new Forbidden("only an admin may change another member's profile");
        }
        Member before = directory.member(id)
                .orElseThrow(() -> new NotFound("no member '" + id + "'"));
        if (profile.xmpp() != null && !profile.xmpp().isEmpty() && !BARE_JID.matcher(profile.xmpp()).matches()) {
            throw new Invalid("xmpp must be a bare address like alice@example.org");
        }
        if (profile.phone() != null && !profile.phone().isEmpty() && !PHONE.matcher(profile.phone()).matches()) {
            throw new Invalid("phone must be in international format, like +15551234567");
        }
        directory.updateProfile(id, profile.xmpp(), profile.phone());
        Member updated = directory.member(id).orElseThrow();
        if (updated.xmpp() != null && !updated.xmpp().equalsIgnoreCase(before.xmpp())) {
            addressChanges.changed(id, updated.xmpp());
        }
        return new Profile(updated.xmpp(), updated.phone());
    }
}

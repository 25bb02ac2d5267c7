package dev.crosspost.member;

import java.util.ArrayList;
import java.util.List;

import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in member, and members' contact addresses (XMPP address, phone), kept as Camunda user info and counted
 * once confirmed with the code sent to them ({@link ContactAddresses}).
 */
@RestController
class MemberController {

    private final Directory directory;
    private final ContactAddresses contacts;

    MemberController(Directory directory, ContactAddresses contacts) {
        this.directory = directory;
        this.contacts = contacts;
    }

    record Me(String id, String name, List<String> teams, boolean admin, Csrf csrf) {
    }

    /** What the pages need to send the session's CSRF token. */
    record Csrf(String headerName, String parameterName, String token) {
    }

    /** A change of addresses: {@code null} leaves one as it is, {@code ""} removes it. */
    record Profile(String xmpp, String phone) {
    }

    /**
     * The addresses as the member set them, whether each counts (verified), whether a code for it is out, and
     * what this request did (codes sent).
     */
    record ProfileView(String xmpp, boolean xmppVerified, boolean xmppCodePending, String phone,
                       boolean phoneVerified, boolean phoneCodePending, List<String> notes) {
    }

    record Code(String code) {
    }

    @GetMapping("/api/me")
    Me me(Member member, CsrfToken csrf) {
        return new Me(member.id(), member.name(), member.teams().stream().filter(t -> !t.equals("camunda-admin"))
                .sorted().toList(), member.admin(),
                csrf == null ? null : new Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }

    @GetMapping("/api/members/{id}/profile")
    ProfileView profile(@PathVariable String id, Member caller) {
        return view(own(id, caller), List.of());
    }

    /** Sets addresses; each new one gets a one-time code and counts once confirmed ({@code POST .../verify}). */
    @PutMapping("/api/members/{id}/profile")
    ProfileView updateProfile(@PathVariable String id, @RequestBody Profile profile, Member caller) {
        own(id, caller);
        List<String> notes = new ArrayList<>();
        if (profile.xmpp() != null) {
            notes.add(contacts.set(id, ContactAddresses.Kind.XMPP, profile.xmpp()));
        }
        if (profile.phone() != null) {
            notes.add(contacts.set(id, ContactAddresses.Kind.PHONE, profile.phone()));
        }
        return view(id, notes);
    }

    /** Confirms the code sent to one of the member's addresses. */
    @PostMapping("/api/members/{id}/verify")
    ProfileView verify(@PathVariable String id, @RequestBody Code code, Member caller) {
        own(id, caller);
        var kind = contacts.verify(id, code.code());
        return view(id, List.of(kind.id() + " verified"));
    }

    private String own(String id, Member caller) {
        if (!caller.admin() && !caller.id().equals(id)) {
            throw new Forbidden("only an admin may see or change another member's profile");
        }
        return directory.member(id).map(Member::id).orElseThrow(() -> new NotFound("no member '" + id + "'"));
    }

    private ProfileView view(String id, List<String> notes) {
        var xmpp = contacts.state(id, ContactAddresses.Kind.XMPP);
        var phone = contacts.state(id, ContactAddresses.Kind.PHONE);
        return new ProfileView(xmpp.map(ContactAddresses.State::address).orElse(null),
                xmpp.map(ContactAddresses.State::verified).orElse(false),
                xmpp.map(ContactAddresses.State::codePending).orElse(false),
                phone.map(ContactAddresses.State::address).orElse(null),
                phone.map(ContactAddresses.State::verified).orElse(false),
                phone.map(ContactAddresses.State::codePending).orElse(false), notes);
    }
}

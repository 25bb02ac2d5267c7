package dev.crosspost.member;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;

/**
 * A member's own profile: display name and e-mail address (Camunda's user record), XMPP address and phone
 * number (Camunda user info, as {@link CamundaDirectory} reads them). A member edits their own addresses, an admin
 * everyone's. Only an admin changes a display name (the name is how others know who wrote a shout: a member who
 * could rename themselves "Crosspost Admin" could speak as someone else; Camunda's own paths are guarded the same
 * way by the security layer). An admin's new name is kept as Camunda's first name (the last name is cleared), so
 * Camunda Admin and Crosspost show the same name.
 */
@Service
class Profiles {

    /** Bounded: Camunda keeps user info and the e-mail address in 255 characters (longer would fail in the database). */
    static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>(),;:\\p{Cntrl}]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,4}");
    static final int MAX_NAME = 200;

    private final Directory directory;
    private final IdentityService identity;
    private final ContactAddresses contacts;

    Profiles(Directory directory, IdentityService identity, ContactAddresses contacts) {
        this.directory = directory;
        this.identity = identity;
        this.contacts = contacts;
    }

    /**
     * What the profile shows: the addresses as the member set them, whether each counts (verified: only then are
     * lines, notifications and direct messages credited to it), whether a code for it is out, and what this request
     * did (codes sent). In an update {@code null} leaves a value as it is, "" clears it.
     */
    record Profile(String id, String name, @Nullable String email, @Nullable String xmpp, boolean xmppVerified,
                   boolean xmppCodePending, @Nullable String phone, boolean phoneVerified, boolean phoneCodePending,
                   List<String> notes) {
    }

    Profile read(Member caller, String id) {
        return toProfile(member(caller, id), List.of());
    }

    Profile update(Member caller, String id, String name, String email, String xmpp, String phone) {
        Member before = member(caller, id);
        check(name != null && (name.isBlank() || name.strip().length() > MAX_NAME),
                "name must be 1 to " + MAX_NAME + " characters");
        check(email != null && !email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches()),
                "email must be an address like alice@example.org, at most 254 characters");
        boolean rename = name != null && !name.strip().equals(before.name());
        if (rename && !caller.admin()) {
            throw new Forbidden("only an admin may change a member's name (it is how others know who wrote what); "
                    + "ask an admin");
        }
        if (rename || email != null) {
            User user = identity.createUserQuery().userId(id).singleResult();
            if (rename) {
                user.setFirstName(name.strip());
                user.setLastName("");
            }
            if (email != null) {
                user.setEmail(email.isEmpty() ? null : email);
            }
            identity.saveUser(user);
        }
        // a new address gets a one-time code and counts once confirmed (ContactAddresses checks and refuses)
        List<String> notes = new ArrayList<>();
        if (xmpp != null) {
            notes.add(contacts.set(id, ContactAddresses.Kind.XMPP, xmpp));
        }
        if (phone != null) {
            notes.add(contacts.set(id, ContactAddresses.Kind.PHONE, phone));
        }
        return toProfile(directory.member(id).orElseThrow(), notes);
    }

    private Member member(Member caller, String id) {
        if (!caller.admin() && !caller.id().equals(id)) {
            throw new Forbidden("only an admin may see or change another member's profile");
        }
        return directory.member(id).orElseThrow(() -> new NotFound("no member '" + id + "'"));
    }

    private Profile toProfile(Member m, List<String> notes) {
        var xmpp = contacts.state(m.id(), ContactAddresses.Kind.XMPP);
        var phone = contacts.state(m.id(), ContactAddresses.Kind.PHONE);
        return new Profile(m.id(), m.name(), m.email(), xmpp.map(ContactAddresses.State::address).orElse(null),
                xmpp.map(ContactAddresses.State::verified).orElse(false),
                xmpp.map(ContactAddresses.State::codePending).orElse(false),
                phone.map(ContactAddresses.State::address).orElse(null),
                phone.map(ContactAddresses.State::verified).orElse(false),
                phone.map(ContactAddresses.State::codePending).orElse(false), notes);
    }

    private static void check(boolean wrong, String message) {
        if (wrong) {
            throw new Invalid(message);
        }
    }
}

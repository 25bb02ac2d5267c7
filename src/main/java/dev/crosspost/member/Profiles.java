package dev.crosspost.member;

import java.util.regex.Pattern;

import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
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
    static final Pattern BARE_JID = Pattern.compile("[^@/\\s\"&'<>:\\p{Cntrl}]{1,64}@[A-Za-z0-9.-]{1,190}");
    static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>(),;:\\p{Cntrl}]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,4}");
    static final int MAX_NAME = 200;

    private final Directory directory;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;

    Profiles(Directory directory, IdentityService identity, ApplicationEventPublisher events) {
        this.directory = directory;
        this.identity = identity;
        this.events = events;
    }

    /** What the profile shows and takes; {@code null} in an update leaves a value as it is, "" clears it. */
    record Profile(String id, String name, String email, String xmpp, String phone) {
    }

    Profile read(Member caller, String id) {
        return toProfile(member(caller, id));
    }

    Profile update(Member caller, String id, String name, String email, String xmpp, String phone) {
        Member before = member(caller, id);
        check(name != null && (name.isBlank() || name.strip().length() > MAX_NAME),
                "name must be 1 to " + MAX_NAME + " characters");
        check(email != null && !email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches()),
                "email must be an address like alice@example.org, at most 254 characters");
        check(xmpp != null && !xmpp.isEmpty() && !BARE_JID.matcher(xmpp).matches(),
                "xmpp must be a bare address like alice@example.org, at most 255 characters");
        check(phone != null && !phone.isEmpty() && !PHONE.matcher(phone).matches(),
                "phone must be in international format, like +15551234567");
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
        directory.updateProfile(id, xmpp, phone);
        Member updated = directory.member(id).orElseThrow();
        if (updated.xmpp() != null && !updated.xmpp().equalsIgnoreCase(before.xmpp())) {
            events.publishEvent(new XmppAddressChanged(id, updated.xmpp()));
        }
        return toProfile(updated);
    }

    private Member member(Member caller, String id) {
        if (!caller.admin() && !caller.id().equals(id)) {
            throw new Forbidden("only an admin may see or change another member's profile");
        }
        return directory.member(id).orElseThrow(() -> new NotFound("no member '" + id + "'"));
    }

    private static Profile toProfile(Member m) {
        return new Profile(m.id(), m.name(), m.email(), m.xmpp(), m.phone());
    }

    private static void check(boolean wrong, String message) {
        if (wrong) {
            throw new Invalid(message);
        }
    }
}

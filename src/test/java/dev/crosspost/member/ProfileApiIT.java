package dev.crosspost.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/**
 * The profile API takes and returns name, e-mail, XMPP address and phone; an unknown field is refused; only an
 * admin changes a name.
 */
class ProfileApiIT extends AbstractIT {

    @Test
    void allFieldsRoundTripAndAnEmptyStringClearsOne() {
        TestMember alice = createMember("alice", "team");
        String path = "/api/members/" + alice.id() + "/profile";
        String jid = alice.id() + "@localhost";

        var saved = as(alice).put(path, Api.json(Map.of("email", "alice@wonder.example", "xmpp", jid,
                "phone", "+15557654321")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        // only an admin changes a display name (security: nobody poses as someone else)
        var renamed = as(alice).put(path, Api.json(Map.of("name", "Alice Liddell")));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(403);
        assertThat(renamed.json().get("message").asText()).contains("only an admin");
        assertThat(as(alice).put(path, Api.json(Map.of("name", alice.name()))).status())
                .as("sending the name unchanged is fine").isEqualTo(200);
        assertThat(admin().put(path, Api.json(Map.of("name", "Alice Liddell"))).status()).isEqualTo(200);

        var read = as(alice).get(path).json();
        assertThat(read.get("id").asText()).isEqualTo(alice.id());
        assertThat(read.get("name").asText()).isEqualTo("Alice Liddell");
        assertThat(read.get("email").asText()).isEqualTo("alice@wonder.example");
        assertThat(read.get("xmpp").asText()).isEqualTo(jid);
        assertThat(read.get("phone").asText()).isEqualTo("+15557654321");
        assertThat(as(alice).get("/api/me").json().get("name").asText()).isEqualTo("Alice Liddell");
        assertThat(identity.createUserQuery().userId(alice.id()).singleResult().getEmail())
                .isEqualTo("alice@wonder.example");

        // left out: unchanged; "": cleared
        var cleared = as(alice).put(path, Api.json(Map.of("phone", ""))).json();
        assertThat(cleared.get("phone").isNull()).isTrue();
        assertThat(cleared.get("email").asText()).isEqualTo("alice@wonder.example");
        unlinkXmpp(jid);
    }

    @Test
    void anUnknownFieldOrABadValueIs400AndChangesNothing() {
        TestMember bob = createMember("bob", "team");
        String path = "/api/members/" + bob.id() + "/profile";

        var typo = as(bob).put(path, Api.json(Map.of("email", "bob@new.example", "mail", "bob@typo.example")));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("message").asText()).contains("unknown field").contains("mail");
        var badMail = as(bob).put(path, Api.json(Map.of("email", "not an address")));
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(badMail.json().get("message").asText()).contains("email");
        assertThat(as(bob).put(path, Api.json(Map.of("name", "  "))).status()).isEqualTo(400);
        assertThat(as(bob).get(path).json().get("email").asText()).isEqualTo(bob.id() + "@example.org");

        TestMember eve = createMember("eve", "team");
        assertThat(as(eve).get(path).status()).isEqualTo(403);
        assertThat(admin().get(path).status()).isEqualTo(200);
    }
}

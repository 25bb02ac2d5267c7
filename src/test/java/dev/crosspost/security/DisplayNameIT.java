package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.camunda.bpm.engine.AuthorizationException;
import org.junit.jupiter.api.Test;

/** Only admins change display names: a member cannot rename themselves "Crosspost Admin" on any path. */
class DisplayNameIT extends AbstractIT {

    @Test
    void aMemberCannotRenameThemselvesButMayStillChangeTheirPassword() {
        TestMember mallory = createMember("mallory", "team");
        String profile = "/engine-rest/user/" + mallory.id() + "/profile";
        var rename = as(mallory).put(profile, Api.json(Map.of("id", mallory.id(), "firstName", "Crosspost",
                "lastName", "Admin", "email", mallory.id() + "@example.org")));
        assertThat(rename.status()).isEqualTo(403);
        assertThat(rename.body()).contains("only an admin may change a member's name");
        assertThat(identity.createUserQuery().userId(mallory.id()).singleResult().getLastName()).isEqualTo("Tester");

        // The same rule inside the engine, whichever app calls it (Camunda's welcome app uses the same service).
        identity.setAuthentication(mallory.id(), List.of("team"));
        try {
            var user = identity.createUserQuery().userId(mallory.id()).singleResult();
            user.setFirstName("Crosspost");
            assertThatThrownBy(() -> identity.saveUser(user)).isInstanceOf(AuthorizationException.class);
        } finally {
            identity.clearAuthentication();
        }

        // A password change (same profile, names unchanged) is still the member's own business.
        var password = as(mallory).put("/engine-rest/user/" + mallory.id() + "/credentials", Api.json(Map.of(
                "password", "a-new-secret-1", "authenticatedUserPassword", mallory.password())));
        assertThat(password.status()).isEqualTo(204);
        assertThat(identity.checkPassword(mallory.id(), "a-new-secret-1")).isTrue();

        // An admin may rename.
        var byAdmin = admin().put(profile, Api.json(Map.of("id", mallory.id(), "firstName", "Mal",
                "lastName", "Lory", "email", mallory.id() + "@example.org")));
        assertThat(byAdmin.status()).isEqualTo(204);
        assertThat(identity.createUserQuery().userId(mallory.id()).singleResult().getFirstName()).isEqualTo("Mal");
    }
}

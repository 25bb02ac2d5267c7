package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/** Crosspost's security walls: /engine-rest, Camunda authorizations, profiles, the login form. */
class SecurityIT extends AbstractIT {

    @Test
    void engineRestNeedsALoginAndTheAdminMayDoEverything() {
        assertThat(anonymous().get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(anonymous().post("/engine-rest/message", "{\"messageName\":\"shoutbox:team\"}").status())
                .isEqualTo(401);
        // (A wrong password counts against the account in the login throttle, so not the admin's.)
        TestMember guesser = createMember("guesser");
        assertThat(Api.as(port, guesser.id(), "wrong").get("/engine-rest/process-definition").status()).isEqualTo(401);

        var definitions = admin().get("/engine-rest/process-definition?key=shoutbox-team");
        assertThat(definitions.status()).isEqualTo(200);
        assertThat(definitions.json()).isNotEmpty();
    }

    @Test
    void aMemberOnEngineRestGetsOnlyWhatCamundaAdminGranted() {
        TestMember member = createMember("eve", "team");
        Api api = as(member);
        // Authenticated, but no READ authorization on process definitions: the list is empty.
        var definitions = api.get("/engine-rest/process-definition");
        assertThat(definitions.status()).isEqualTo(200);
        assertThat(definitions.json()).isEmpty();
        // No CREATE on users.
        var createUser = api.post("/engine-rest/user/create",
                "{\"profile\":{\"id\":\"" + unique("intruder") + "\"},\"credentials\":{\"password\":\"x1234567\"}}");
        assertThat(createUser.status()).isEqualTo(403);
        // Starting a queue anonymously through the engine is not possible either way.
        var message = api.post("/engine-rest/message",
                "{\"messageName\":\"shoutbox:team\",\"businessKey\":\"" + unique("forged") + "\"}");
        assertThat(message.status()).isIn(403, 400);
        assertThat(admin().get("/engine-rest/history/process-instance?processInstanceBusinessKeyLike=forged%25")
                .json()).isEmpty();
    }

    @Test
    void membersEditTheirOwnProfileAdminsEditEveryones() {
        TestMember alice = createMember("alice", "team");
        TestMember bob = createMember("bob", "team");
        String alicePath = "/api/members/" + alice.id() + "/profile";
        String aliceJid = alice.id().toLowerCase(java.util.Locale.ROOT) + "@example.org"; // no one else's (the database outlives runs)

        var own = as(alice).put(alicePath, Api.json(Map.of("xmpp", aliceJid, "phone", "+15551234567")));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("xmpp").asText()).isEqualTo(aliceJid);
        assertThat(identity.getUserInfo(alice.id(), "xmpp")).isEqualTo(aliceJid);
        assertThat(identity.getUserInfo(alice.id(), "phone")).isEqualTo("+15551234567");

        assertThat(as(bob).put(alicePath, Api.json(Map.of("xmpp", "bob@evil")) ).status()).isEqualTo(403);
        assertThat(identity.getUserInfo(alice.id(), "xmpp")).isEqualTo(aliceJid);

        assertThat(admin().put(alicePath, Api.json(Map.of("phone", "+4930123456"))).status()).isEqualTo(200);
        assertThat(identity.getUserInfo(alice.id(), "phone")).isEqualTo("+4930123456");

        var badPhone = as(alice).put(alicePath, Api.json(Map.of("phone", "call me")));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.json().get("message").asText()).contains("international format");
        var badJid = as(alice).put(alicePath, Api.json(Map.of("xmpp", "<script>@x")));
        assertThat(badJid.status()).isEqualTo(400);
        assertThat(admin().put("/api/members/" + unique("ghost") + "/profile", "{}").status()).isEqualTo(404);
    }

    @Test
    void thePagesRedirectToTheLoginFormAndTheApiAnswers401() {
        var page = anonymous().send(anonymous().request("/shoutbox/team").setHeader("Accept", "text/html").GET());
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.raw().headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(anonymous().get("/api/me").status()).isEqualTo(401);
        assertThat(anonymous().get("/login").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void healthShowsTheDatabaseToAdminsAndTheApiIsDescribed() {
        var health = admin().get("/actuator/health").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(anonymous().get("/actuator/health").json().has("components")).isFalse();
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        var metrics = admin().send(admin().request("/actuator/prometheus").setHeader("Accept", "text/plain").GET());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        var openApi = anonymous().get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").has("/api/shoutboxes/{box}/shouts")).isTrue();
    }

    @Test
    void aSessionPostWithoutCsrfTokenIsRefused() {
        TestMember alice = createMember("alice", "team");
        // Log in through the form (needs the login page's CSRF token), then post with the session cookie only.
        var session = FormLogin.login(port, alice.id(), alice.password());
        var withoutToken = session.post("/api/shoutboxes/team/shouts", "{\"text\":\"forged\"}", null);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        var withToken = session.post("/api/shoutboxes/team/shouts", "{\"text\":\"real\"}", session.csrfToken());
        assertThat(withToken.statusCode()).isEqualTo(201);
    }
}

package dev.crosspost.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Api;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Incoming hooks on real HTTP: each preset called by its secret URL and by GitHub's signature reaches the team room
 * (real Prosody) and the team shoutbox through the shipped queue webhook-ci; every bad call gets its status and a
 * JSON error and makes no message; the admin API's statuses, and members see nothing of hooks.
 */
class WebhookInIT extends WebhookCalls {

    private static final String GITHUB_VECTOR_SECRET = "It's a Secret to Everybody";
    private static final String GITHUB_VECTOR_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Autowired
    SecretBox box;

    @BeforeEach
    void botIsInTheTeamRoom() {
        awaitBotInTeamRoom();
    }

    @Test
    void eachPresetByUrlAndBySignatureReachesTheTeamRoomAndTheShoutbox() {
        String run = unique("hook");
        List<String> roomLines = new ArrayList<>();
        List<String> shouts = new ArrayList<>();
        try (var frank = XmppPerson.login("frank")) {
            frank.join(TEAM_ROOM, 0);
            for (String preset : List.of("text", "github", "alertmanager")) {
                JsonNode hook = recreateIncoming("ci", preset);
                assertThat(hook.path("channel").asText()).isEqualTo("webhook:ci");
                for (boolean signed : List.of(false, true)) {
                    String marker = run + "-" + preset + (signed ? "-signed" : "-url");
                    String body = switch (preset) {
                        case "text" -> Api.json(Map.of("text", "build " + marker + " broken", "username", "Jenkins"));
                        case "github" -> push(marker);
                        default -> alert(marker);
                    };
                    String[] headers = "github".equals(preset)
                            ? new String[] {"X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString()}
                            : new String[0];
                    Api.Response answer = signed
                            ? callJson("/hooks/ci", body, with(headers, "X-Hub-Signature-256",
                                    sign(hook.path("secret").asText(), body.getBytes(StandardCharsets.UTF_8))))
                            : callJson(pathOf(hook), body, headers);
                    assertThat(answer.status()).as(marker + ": " + answer.body()).isEqualTo(200);
                    assertThat(answer.json().path("accepted").asBoolean()).isTrue();
                    String text = switch (preset) {
                        case "text" -> "build " + marker + " broken";
                        case "github" -> "[org/repo] alice pushed 1 commit to main: \"fix " + marker + "\"";
                        default -> "[FIRING:1] HighLatency — p99 " + marker;
                    };
                    String sender = switch (preset) {
                        case "text" -> "Jenkins";
                        case "github" -> "GitHub";
                        default -> "Alertmanager";
                    };
                    roomLines.add("[ci] " + sender + ": " + text);
                    shouts.add(text);
                }
            }
            await().atMost(DELIVERY).until(() -> frank.linesContaining(TEAM_ROOM, run).size() >= roomLines.size());
            assertThat(frank.linesContaining(TEAM_ROOM, run)).containsExactlyInAnyOrderElementsOf(roomLines);
            for (String text : shouts) {
                await().atMost(DELIVERY).until(() -> teamShouts(admin(), text).size() == 1);
            }
        }
    }

    @Test
    void githubsPublishedVectorPassesTheSignatureCheckAndAFormBodySignedWithItIsAMessage() {
        recreateIncoming("ci", "github");
        jdbc.sql("update crosspost.webhooks set secret = ? where name = 'ci'")
                .param(box.seal("ci", "hmac-secret", GITHUB_VECTOR_SECRET)).update();
        byte[] hello = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        // the signature is right, so the body is read: it is no JSON (400), which a wrong signature never gets to
        Api.Response vector = call("/hooks/ci", "application/json", hello, "X-GitHub-Event", "push",
                "X-Hub-Signature-256", GITHUB_VECTOR_SIGNATURE);
        assertThat(vector.status()).as(vector.body()).isEqualTo(400);
        assertThat(vector.json().path("message").asText()).contains("not JSON");
        Api.Response tampered = call("/hooks/ci", "application/json", "Hello, World?".getBytes(StandardCharsets.UTF_8),
                "X-GitHub-Event", "push", "X-Hub-Signature-256", GITHUB_VECTOR_SIGNATURE);
        assertThat(tampered.status()).isEqualTo(401);

        // GitHub's other content type: the JSON in the form field payload, the signature over the raw form body
        String marker = unique("form");
        byte[] form = ("payload=" + URLEncoder.encode(push(marker), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        Api.Response answer = call("/hooks/ci", "application/x-www-form-urlencoded", form, "X-GitHub-Event", "push",
                "X-Hub-Signature-256", sign(GITHUB_VECTOR_SECRET, form));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String text = "[org/repo] alice pushed 1 commit to main: \"fix " + marker + "\"";
        await().atMost(DELIVERY).until(() -> teamShouts(admin(), text).size() == 1);
    }

    @Test
    void aRepeatedDeliveryIsOneMessageAndAPingNone() {
        JsonNode hook = recreateIncoming("ci", "github");
        String delivery = UUID.randomUUID().toString();
        String marker = unique("twice");
        long before = messagesOn("webhook:ci");
        Api.Response first = callJson(pathOf(hook), push(marker), "X-GitHub-Event", "push", "X-GitHub-Delivery", delivery);
        Api.Response again = callJson(pathOf(hook), push(marker), "X-GitHub-Event", "push", "X-GitHub-Delivery", delivery);
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("messageId").asText()).isEqualTo(first.json().path("messageId").asText());

        Api.Response ping = callJson(pathOf(hook), "{\"zen\":\"Design for failure.\",\"hook_id\":1}",
                "X-GitHub-Event", "ping", "X-GitHub-Delivery", UUID.randomUUID().toString());
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().path("accepted").asBoolean()).isFalse();
        assertThat(messagesOn("webhook:ci")).isEqualTo(before + 1);
        String text = "[org/repo] alice pushed 1 commit to main: \"fix " + marker + "\"";
        await().atMost(DELIVERY).until(() -> teamShouts(admin(), text).size() == 1);
    }

    @Test
    void everyBadCallGetsItsStatusAndAJsonErrorAndMakesNoMessage() {
        String name = unique("bad").replace("bad-", "b");
        JsonNode hook = recreateIncoming(name, "text");
        String channel = "webhook:" + name;
        String good = Api.json(Map.of("text", "hello"));
        String url = pathOf(hook);

        assertError(callJson("/hooks/" + unique("none"), good, "X-Hub-Signature-256", "sha256=00"), 404);
        Api.Response unknown = callJson("/hooks/" + unique("none") + "/" + "x".repeat(43), good);
        Api.Response wrongToken = callJson("/hooks/" + name + "/" + "x".repeat(43), good);
        assertError(unknown, 404);
        assertError(wrongToken, 404);
        assertThat(wrongToken.json().path("message").asText().replace(name, "?"))
                .as("an unknown hook and a wrong token read the same")
                .isEqualTo(unknown.json().path("message").asText().replaceAll("'[^']*'", "'?'"));
        assertThat(wrongToken.json().path("path").asText()).as("the token is not echoed").doesNotContain("xxxx");
        assertError(callJson("/hooks/" + name, good), 401);
        assertError(callJson("/hooks/" + name, good, "X-Hub-Signature-256", sign("not the secret", good.getBytes())), 401);
        assertError(call(url, "text/plain", good.getBytes()), 415);
        assertError(call(url, null, good.getBytes()), 415);
        assertError(call(url, "application/json", new byte[256 * 1024 + 1]), 413);
        assertError(callJson(url, "{\"text\": "), 400);
        assertError(callJson(url, "{\"message\": \"no text\"}"), 400);
        assertError(call(url, "application/x-www-form-urlencoded", "other=1".getBytes()), 400);
        assertThat(messagesOn(channel)).isZero();

        int accepted = 0;
        Api.Response last = null;
        for (int i = 0; i < 60 && (last == null || last.status() == 200); i++) {
            last = callJson(url, Api.json(Map.of("text", "call " + i)));
            accepted += last.status() == 200 ? 1 : 0;
        }
        assertError(last, 429);
        assertThat(Long.parseLong(last.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(accepted).as("the calls refused with 400 above took their turns too").isGreaterThanOrEqualTo(25);
        assertThat(messagesOn(channel)).isEqualTo(accepted);

        // the admins' list shows the calls, refused ones included, and nothing of the secrets
        Api.Response listed = admin().get("/api/hooks/incoming/" + name);
        assertThat(listed.body()).doesNotContain(hook.path("secret").asText())
                .doesNotContain(url.substring(url.lastIndexOf('/') + 1));
        List<Integer> statuses = new ArrayList<>();
        listed.json().path("calls").forEach(c -> statuses.add(c.path("status").asInt()));
        assertThat(statuses).contains(429, 200);
    }

    @Test
    void theAdminApiSaysWhatIsWrongAndMembersSeeNothingOfHooks() {
        String name = unique("api").replace("api-", "a");
        JsonNode created = recreateIncoming(name, "alertmanager");
        assertThat(created.path("url").asText()).startsWith("http://localhost:8080/hooks/" + name + "/");
        assertThat(created.path("secret").asText()).hasSize(43);
        assertThat(admin().get("/api/hooks/incoming").body()).contains(name)
                .doesNotContain(created.path("secret").asText());

        assertError(admin().post("/api/hooks/incoming", Api.json(Map.of("name", name, "preset", "text"))), 409);
        assertError(admin().post("/api/hooks/outgoing", Api.json(Map.of("name", name, "url", "http://127.0.0.1:9/",
                "format", "slack"))), 409);
        assertError(admin().post("/api/hooks/incoming", Api.json(Map.of("name", "Bad Name", "preset", "text"))), 400);
        assertError(admin().post("/api/hooks/incoming", Api.json(Map.of("name", "x".repeat(33), "preset", "text"))), 400);
        assertError(admin().post("/api/hooks/incoming", Api.json(Map.of("name", unique("p"), "preset", "jira"))), 400);
        assertError(admin().post("/api/hooks/outgoing", Api.json(Map.of("name", unique("f"),
                "url", "https://example.org/", "format", "xml"))), 400);
        for (String inside : List.of("http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:9/hook", "http://localhost:9/hook", "http://0.0.0.0:9/hook", "ftp://example.org/")) {
            Api.Response refused = admin().post("/api/hooks/outgoing", Api.json(Map.of("name", unique("r"),
                    "url", inside, "format", "slack")));
            assertError(refused, 400);
        }
        assertError(admin().post("/api/hooks/incoming/" + unique("none") + "/secret", "{}"), 404);
        assertError(admin().delete("/api/hooks/incoming/" + unique("none")), 404);
        assertError(admin().get("/api/hooks/outgoing/" + unique("none")), 404);

        // rotation: the old URL and secret stop at once, the new ones work
        Api.Response rotated = admin().post("/api/hooks/incoming/" + name + "/secret", "{}");
        assertThat(rotated.status()).isEqualTo(200);
        String alert = alert(unique("rot"));
        assertError(callJson(pathOf(created), alert), 404);
        assertError(callJson("/hooks/" + name, alert, "X-Hub-Signature-256",
                sign(created.path("secret").asText(), alert.getBytes(StandardCharsets.UTF_8))), 401);
        assertThat(callJson(pathOf(rotated.json()), alert).status()).isEqualTo(200);
        assertThat(callJson("/hooks/" + name, alert, "X-Hub-Signature-256",
                sign(rotated.json().path("secret").asText(), alert.getBytes(StandardCharsets.UTF_8))).status())
                .isEqualTo(200);

        TestMember member = createMember("member", "team");
        assertError(as(member).get("/api/hooks/incoming"), 403);
        assertError(as(member).get("/api/hooks/outgoing"), 403);
        assertError(as(member).post("/api/hooks/incoming", Api.json(Map.of("name", unique("m"), "preset", "text"))), 403);
        assertThat(as(member).get("/hooks").status()).isEqualTo(403);
        assertError(anonymous().get("/api/hooks/incoming"), 401);
        assertThat(admin().get("/hooks").status()).isEqualTo(200);

        assertThat(admin().delete("/api/hooks/incoming/" + name).status()).isEqualTo(204);
        assertError(callJson(pathOf(rotated.json()), alert), 404);
    }

    private static void assertError(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type").orElse("")).contains("application/json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).isNotBlank();
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static String push(String marker) {
        return Api.json(Map.of("ref", "refs/heads/main", "repository", Map.of("full_name", "org/repo"),
                "pusher", Map.of("name", "alice"), "sender", Map.of("login", "alice"),
                "commits", List.of(Map.of("id", "abc")), "head_commit", Map.of("message", "fix " + marker)));
    }

    private static String alert(String marker) {
        return Api.json(Map.of("version", "4", "status", "firing", "receiver", "team",
                "groupLabels", Map.of("alertname", "HighLatency"),
                "commonLabels", Map.of("alertname", "HighLatency", "severity", "page"),
                "commonAnnotations", Map.of("summary", "p99 " + marker),
                "alerts", List.of(Map.of("status", "firing", "labels", Map.of("alertname", "HighLatency")))));
    }
}

package dev.crosspost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

/**
 * The API description tells client writers the truth: it is valid OpenAPI (swagger-parser), lists no parameter
 * the server resolves itself, documents 201/204 and the JSON error body, and names every endpoint the README
 * does, each with a summary. Every operation declares the refusals the edge makes (401 with its Basic challenge,
 * 406, 413/415 where a body is taken) and JSON success bodies; and the answers of a realistic session (members and
 * an admin, successes and refusals) match the description, status, content type and body, the way a validating
 * proxy such as Prism checks them (src/test/env/check-api.sh runs Prism itself).
 */
class OpenApiIT extends AbstractIT {

    @Test
    void theApiDescriptionIsValidAndTruthful() {
        var docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);

        var parsed = new OpenAPIV3Parser().readContents(docs.body());
        assertThat(parsed.getMessages()).as("swagger-parser's validation").isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();

        JsonNode api = docs.json();
        assertThat(api.at("/info/title").asText()).isEqualTo("Crosspost API");
        assertThat(api.at("/info/version").asText()).isNotIn("", "v0");
        assertThat(api.at("/info/description").asText()).contains("HTTP Basic");
        assertThat(api.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(api.at("/components/securitySchemes/session/in").asText()).isEqualTo("cookie");

        List<String> problems = new ArrayList<>();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            for (JsonNode p : operation.path("parameters")) {
                String in = p.path("in").asText();
                if (in.equals("query") && (p.at("/schema/type").asText().equals("object") || p.at("/schema/$ref").isTextual())) {
                    problems.add(name + ": object query parameter '" + p.path("name").asText() + "'");
                }
                if (List.of("author", "reader", "member", "caller", "editor", "csrf").contains(p.path("name").asText())) {
                    problems.add(name + ": resolver argument '" + p.path("name").asText() + "' listed as a parameter");
                }
            }
            if (operation.path("summary").asText().isBlank()) {
                problems.add(name + ": no summary");
            }
            if (operation.path("tags").isEmpty() || operation.path("tags").get(0).asText().endsWith("-controller")) {
                problems.add(name + ": no tag of its own");
            }
            JsonNode forbidden = operation.at("/responses/403/content/application~1json/schema/$ref");
            if (!forbidden.asText().equals("#/components/schemas/Error")) {
                problems.add(name + ": 403 without the error body");
            }
        }));
        assertThat(problems).isEmpty();

        JsonNode paths = api.get("paths");
        assertThat(paths.at("/~1api~1shoutboxes~1{box}~1shouts/post/responses").fieldNames())
                .toIterable().contains("201", "200", "400", "401", "403", "404", "409");
        assertThat(paths.at("/~1api~1stories/post/responses").fieldNames()).toIterable().contains("201")
                .doesNotContain("200");
        assertThat(paths.at("/~1api~1stories~1{id}~1comments/post/responses").fieldNames()).toIterable()
                .contains("201");
        assertThat(paths.at("/~1api~1shoutboxes~1{box}~1shouts~1{id}/patch/responses").fieldNames())
                .toIterable().contains("200", "400", "401", "403", "404", "409", "429").doesNotContain("201");
        assertThat(paths.at("/~1api~1shoutboxes~1{box}~1shouts~1{id}/patch/responses/200/content/application~1json"
                + "/schema/$ref").asText()).endsWith("/Shout");
        assertThat(paths.at("/~1api~1shoutboxes~1{box}~1stream/get/description").asText())
                .contains("shout-edited").contains("shout-deleted");
        for (String deletion : List.of("/api/subscriptions/{id}", "/api/shoutboxes/{box}/shouts/{id}",
                "/api/stories/{id}", "/api/stories/{id}/comments/{commentId}")) {
            JsonNode responses = paths.path(deletion).at("/delete/responses");
            assertThat(responses.fieldNames()).as(deletion).toIterable().contains("204", "403", "404")
                    .doesNotContain("200");
        }
        assertThat(paths.at("/~1api~1me/get/parameters").isMissingNode() || paths.at("/~1api~1me/get/parameters").isEmpty())
                .as("/api/me takes no parameters").isTrue();
        assertThat(paths.at("/~1api~1members~1{id}~1profile/put/requestBody/content/application~1json/schema/$ref")
                .asText()).endsWith("ProfileUpdate");
        assertThat(api.at("/components/schemas/ProfileUpdate/properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("name", "email", "xmpp", "phone");
    }

    @Test
    void everyOperationDeclaresTheEdgesRefusalsAndJsonBodies() {
        JsonNode api = anonymous().get("/v3/api-docs").json();
        assertThat(api.at("/components/schemas/Error/required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("status", "error", "message", "path", "timestamp");
        List<String> problems = new ArrayList<>();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().path("responses");
            if (!responses.at("/401/headers/WWW-Authenticate").isObject()) {
                problems.add(name + ": 401 without its WWW-Authenticate header");
            }
            List<String> refusals = new ArrayList<>(List.of("400", "401", "403", "406", "429"));
            if (op.getValue().has("requestBody")) {
                refusals.addAll(List.of("413", "415"));
                if (!op.getValue().at("/requestBody/content").fieldNames().next().equals("application/json")) {
                    problems.add(name + ": takes a body that is not application/json");
                }
            }
            for (String status : refusals) {
                if (!responses.at("/" + status + "/content/application~1json/schema/$ref").asText()
                        .equals("#/components/schemas/Error")) {
                    problems.add(name + ": " + status + " not declared with the error body");
                }
            }
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("2") && r.getValue().has("content")) {
                    Set<String> types = new HashSet<>();
                    r.getValue().get("content").fieldNames().forEachRemaining(types::add);
                    Set<String> expected = path.getKey().endsWith("/stream") ? Set.of("text/event-stream")
                            : Set.of("application/json");
                    if (!types.equals(expected)) {
                        problems.add(name + ": " + r.getKey() + " answers " + types);
                    }
                }
            });
        }));
        assertThat(problems).isEmpty();
        // what the app returns as null is declared so (OpenAPI 3.1: a type list with "null")
        JsonNode schemas = api.at("/components/schemas");
        Map<String, List<String>> nullable = Map.of("Shout", List.of("origin"),
                "Story", List.of("team", "sourceMessageId", "sourceChannel", "sourceStep", "origin"),
                "Channel", List.of("processKey", "processName", "cockpitUrl", "lastMessageAt", "oldestPending",
                        "warning"),
                "ChannelFlows", List.of("processKey", "processName", "processDefinitionId", "oldestPendingSince"),
                "Send", List.of("nextAttemptAt", "lastError", "sentAt", "incidentFlowId"),
                "Profile", List.of("email", "xmpp", "phone"));
        nullable.forEach((schema, fields) -> fields.forEach(field -> assertThat(schemas.at("/" + schema
                + "/properties/" + field + "/type")).as(schema + "." + field).extracting(JsonNode::asText)
                .contains("null")));
        assertThat(schemas.at("/Shout/properties/text/type").asText()).as("a shout always has its text")
                .isEqualTo("string");
        // the limits the app enforces (defaults of crosspost.shoutbox / crosspost.story), enums and patterns
        assertThat(schemas.at("/NewShout/properties/text/maxLength").asInt()).isEqualTo(4000);
        assertThat(schemas.at("/NewStory/properties/title/maxLength").asInt()).isEqualTo(200);
        assertThat(schemas.at("/NewComment/properties/body/maxLength").asInt()).isEqualTo(4000);
        assertThat(schemas.at("/NewSubscription/properties/method/enum")).extracting(JsonNode::asText)
                .containsExactly("xmpp", "mail", "sms");
        assertThat(schemas.at("/Settings/properties/xmppOffline/enum")).extracting(JsonNode::asText)
                .containsExactly("send", "mail");
        assertThat(schemas.at("/ProfileUpdate/additionalProperties").asBoolean(true)).isFalse();
        assertThat(api.at("/paths/~1api~1stories/get/parameters")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("size");
            assertThat(p.at("/schema/maximum").asInt()).isEqualTo(100);
        });
    }

    @Test
    void theAnswersOfARealisticSessionMatchTheDescription() {
        var check = new ApiDescriptionCheck(anonymous().get("/v3/api-docs").json());
        String team = createTeam("oas");
        TestMember alice = createMember("alice", team);
        TestMember bob = createMember("bob", team);
        Api a = as(alice);
        String shouts = "/api/shoutboxes/" + team + "/shouts";

        String shout = check.check("POST", shouts, a.post(shouts, Api.json(Map.of("text", "Stand-up at 10"))))
                .json().get("id").asText();
        check.check("POST", shouts, a.post(shouts, Api.json(Map.of("text", "once")), "Idempotency-Key", "k1"));
        check.check("POST", shouts, a.post(shouts, Api.json(Map.of("text", "once")), "Idempotency-Key", "k1"));
        check.check("GET", shouts, a.get(shouts));
        check.check("GET", shouts + "?limit=0", a.get(shouts + "?limit=0"));
        check.check("POST", shouts, a.post(shouts, Api.json(Map.of("text", "x".repeat(4001)))));
        check.check("POST", shouts, a.post(shouts, "{\"text\": \"broken"));
        check.check("POST", shouts, a.send(a.request(shouts).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("plain"))));
        check.check("GET", "/api/stories", a.send(a.request("/api/stories", "Accept", "text/csv").GET()));
        check.check("GET", "/api/shoutboxes/" + team + "/stream",
                a.send(a.request("/api/shoutboxes/" + team + "/stream").GET()));
        check.check("GET", "/api/shoutboxes/other/shouts", a.get("/api/shoutboxes/other/shouts"));

        String story = check.check("POST", "/api/stories", a.post("/api/stories",
                Api.json(Map.of("title", "Release", "body", "Out now")))).json().get("id").asText();
        check.check("GET", "/api/stories", a.get("/api/stories"));
        check.check("GET", "/api/stories/" + story, a.get("/api/stories/" + story));
        check.check("PUT", "/api/stories/" + story, a.put("/api/stories/" + story,
                Api.json(Map.of("title", "Release 2", "version", 1))));
        check.check("PUT", "/api/stories/" + story, a.put("/api/stories/" + story,
                Api.json(Map.of("title", "stale", "version", 1))));
        check.check("PUT", "/api/stories/" + story, as(bob).put("/api/stories/" + story,
                Api.json(Map.of("title", "not mine"))));
        check.check("POST", "/api/stories/" + story + "/comments", as(bob).post("/api/stories/" + story + "/comments",
                Api.json(Map.of("body", "Well done"))));
        check.check("GET", "/api/stories/nope", a.get("/api/stories/nope"));

        check.check("POST", "/api/subscriptions", a.post("/api/subscriptions",
                Api.json(Map.of("channel", "shoutbox:" + team, "method", "mail"))));
        check.check("POST", "/api/subscriptions", a.post("/api/subscriptions",
                Api.json(Map.of("channel", "shoutbox:" + team, "method", "mail"))));
        check.check("POST", "/api/subscriptions", a.post("/api/subscriptions",
                Api.json(Map.of("channel", "shoutbox:" + team, "method", "fax"))));
        check.check("GET", "/api/subscriptions", a.get("/api/subscriptions"));
        check.check("GET", "/api/subscriptions/settings", a.get("/api/subscriptions/settings"));
        check.check("GET", "/api/members/" + alice.id() + "/profile", a.get("/api/members/" + alice.id() + "/profile"));
        check.check("PUT", "/api/members/" + alice.id() + "/profile", a.put("/api/members/" + alice.id() + "/profile",
                Api.json(Map.of("nickname", "Al"))));
        check.check("GET", "/api/members/" + bob.id() + "/profile", a.get("/api/members/" + bob.id() + "/profile"));
        check.check("GET", "/api/me", a.get("/api/me"));
        check.check("GET", "/api/rooms", a.get("/api/rooms"));
        check.check("GET", "/api/cockpit/channels", a.get("/api/cockpit/channels"));
        check.check("GET", "/api/cockpit/sends?messageIds=" + shout,
                admin().get("/api/cockpit/sends?messageIds=" + shout));
        check.check("GET", "/api/channels", a.get("/api/channels"));
        check.check("GET", "/api/channels", admin().get("/api/channels"));
        check.check("GET", "/api/channels/cluster", admin().get("/api/channels/cluster"));
        String edited = shouts + "/" + shout;
        check.check("PATCH", edited, a.patch(edited, Api.json(Map.of("text", "Stand-up at 10:30"))));
        check.check("PATCH", edited, as(bob).patch(edited, Api.json(Map.of("text", "not mine"))));
        check.check("PATCH", edited, a.patch(edited, Api.json(Map.of("text", " "))));
        check.check("PATCH", shouts + "/nope", a.patch(shouts + "/nope", Api.json(Map.of("text", "gone"))));
        check.check("PATCH", edited, anonymous().patch(edited, Api.json(Map.of("text", "who?"))));
        jdbc.sql("update crosspost.shouts set created_at = ? where id = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)), shout).update();
        check.check("PATCH", edited, a.patch(edited, Api.json(Map.of("text", "too late"))));
        check.check("DELETE", shouts + "/" + shout, a.delete(shouts + "/" + shout));
        check.check("GET", "/api/removals", admin().get("/api/removals"));
        check.check("GET", "/api/removals?limit=5000", admin().get("/api/removals?limit=5000"));

        var anonymous = check.check("GET", "/api/me", anonymous().get("/api/me"));
        var wrong = check.check("GET", "/api/me", Api.as(port, alice.id(), "wrong").get("/api/me"));

        assertThat(check.faults()).as("answers that break the description").isEmpty();
        assertThat(check.checked()).isGreaterThanOrEqualTo(45);
        // and the check can fail: the caller's own record is no page of stories
        var probe = new ApiDescriptionCheck(anonymous().get("/v3/api-docs").json());
        probe.check("GET", "/api/stories", a.get("/api/me"));
        assertThat(probe.faults()).isNotEmpty();
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Basic realm=\"Crosspost\""));
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(anonymous.raw().headers().allValues("Set-Cookie")).as("no session for a refused API call").isEmpty();
    }
}

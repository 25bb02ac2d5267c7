package dev.crosspost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.AbstractIT;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

/**
 * The API description tells client writers the truth: it is valid OpenAPI (swagger-parser), lists no parameter
 * the server resolves itself, documents 201/204 and the JSON error body, and names every endpoint the README
 * does, each with a summary.
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
}

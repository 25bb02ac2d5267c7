package dev.crosspost.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.crosspost.support.Api;

/**
 * Checks real answers of the API against its description (/v3/api-docs), as a validating proxy would: the status is
 * one the operation declares, the content type one that status declares, and the body matches the declared schema
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12). Collects what is wrong instead of failing at the first fault.
 */
final class ApiDescriptionCheck {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode api;
    private final List<String> faults = new ArrayList<>();
    private int checked;

    ApiDescriptionCheck(JsonNode api) {
        this.api = api;
    }

    /** Checks {@code response} as the answer to {@code method path} (a real path, query allowed); returns it. */
    Api.Response check(String method, String path, Api.Response response) {
        checked++;
        String call = method + " " + path + " -> " + response.status();
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Optional<JsonNode> operation = operation(method.toLowerCase(), bare);
        if (operation.isEmpty()) {
            faults.add(call + ": no such operation in the description");
            return response;
        }
        JsonNode declared = operation.get().path("responses").path(String.valueOf(response.status()));
        if (declared.isMissingNode()) {
            faults.add(call + ": status not declared");
            return response;
        }
        String type = response.raw().headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        if (!declared.has("content")) {
            if (!response.body().isEmpty()) {
                faults.add(call + ": a body where the description declares none");
            }
            return response;
        }
        JsonNode media = declared.path("content").path(type);
        if (media.isMissingNode()) {
            faults.add(call + ": content type '" + type + "', declared " + declared.path("content").properties()
                    .stream().map(Map.Entry::getKey).toList());
            return response;
        }
        ObjectNode schema = media.path("schema").deepCopy();
        schema.set("components", api.get("components")); // so that #/components/schemas/... resolves
        for (Error m : SCHEMAS.getSchema(schema).validate(response.json())) {
            faults.add(call + ": " + m.getMessage());
        }
        return response;
    }

    List<String> faults() {
        return faults;
    }

    int checked() {
        return checked;
    }

    private Optional<JsonNode> operation(String method, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = api.path("paths").fields(); it.hasNext(); ) {
            var entry = it.next();
            String template = "\\Q" + entry.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (Pattern.matches(template, path) && entry.getValue().has(method)) {
                return Optional.of(entry.getValue().get(method));
            }
        }
        return Optional.empty();
    }
}

package dev.crosspost.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.crosspost.member.Member;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The API description at {@code /v3/api-docs} (Swagger UI: {@code /swagger-ui.html}), made to tell client writers
 * the truth: the logged-in member and the CSRF token are resolved by the server (never parameters), statuses are
 * what the API answers (201 for a creation, 204 for a deletion, and the JSON error body of {@link ApiErrors} for
 * 400/401/403/404/406/409/413/415/429, with the Basic challenge on 401), success bodies are {@code application/json}
 * ({@code springdoc.default-produces-media-type}), fields that can be {@code null} say so ({@link NullableProperties}),
 * both ways to log in are declared, and every operation has a tag and a summary. Prism, as a validating proxy on a
 * realistic session, finds no fault with it ({@code src/test/env/check-api.sh}, {@code docs/api.md}).
 */
@Configuration
class ApiDescription {

    static final String ERROR = "Error";
    private static final String BASIC = "basic";
    private static final String SESSION = "session";

    /** Creating operations: 201 with the new resource. The shout's idempotent repeat answers 200. */
    private static final Set<String> CREATES = Set.of("POST /api/shoutboxes/{box}/shouts", "POST /api/stories",
            "POST /api/stories/{id}/comments", "POST /api/subscriptions");
    private static final Set<String> CONFLICTS = Set.of("POST /api/shoutboxes/{box}/shouts", "PUT /api/stories/{id}",
            "POST /api/subscriptions", "PATCH /api/shoutboxes/{box}/shouts/{id}");
    /** Operations with a per-member rate limit (security/RateLimitedRoutes) or a cap (live streams per member). */
    private static final Set<String> LIMITED = Set.of("POST /api/shoutboxes/{box}/shouts", "POST /api/stories",
            "PUT /api/stories/{id}", "POST /api/stories/{id}/comments", "GET /api/shoutboxes/{box}/stream",
            "PATCH /api/shoutboxes/{box}/shouts/{id}");
    private static final String PROFILE_UPDATE = "PUT /api/members/{id}/profile";
    private static final Map<String, String> TAGS = new LinkedHashMap<>();
    /** Summaries of the operations whose controllers carry no {@code @Operation}. */
    private static final Map<String, String> SUMMARIES = Map.of(
            "GET /api/me", "The logged-in member, their teams, and the session's CSRF token",
            "GET /api/channels", "Every channel with its queue and message counts (admins)",
            "GET /api/cockpit/channels", "The figures per channel that Crosspost's Cockpit dashboard plugin shows",
            "GET /api/subscriptions", "The caller's subscriptions",
            "POST /api/subscriptions", "Subscribe to a channel by xmpp, mail or sms, immediately or as a digest",
            "DELETE /api/subscriptions/{id}", "Unsubscribe",
            "GET /api/subscriptions/settings", "The caller's notification settings (xmppOffline)",
            "PUT /api/subscriptions/settings", "Change the notification settings: xmppOffline 'send' or 'mail'");

    static {
        // Resolved from the session or the Basic login by CurrentMemberResolver, and by Spring Security.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Member.class, CsrfToken.class);
        TAGS.put("/api/shoutboxes", "Shoutbox");
        TAGS.put("/api/stories", "Stories");
        TAGS.put("/api/subscriptions", "Subscriptions");
        TAGS.put("/api/members", "Members");
        TAGS.put("/api/me", "Members");
        TAGS.put("/api/channels", "Channels (admins)");
        TAGS.put("/api/cockpit", "Cockpit");
        TAGS.put("/api/removals", "Moderation");
        TAGS.put("/api/rooms", "Chat rooms");
    }

    @Bean
    OpenAPI crosspostApi(@Value("${info.app.version:unknown}") String version) {
        return new OpenAPI()
                .info(new Info().title("Crosspost API").version(version).description("""
                        Crosspost routes team messages between shoutboxes, XMPP chat rooms, e-mail, SMS and site \
                        events; each channel's processing queue is a BPMN process. This API reads and posts shouts \
                        (with a live Server-Sent Events stream), stories and comments, manages a member's profile \
                        and subscriptions, and lets authors, moderators and admins delete what was written.

                        Log in with HTTP Basic (a Crosspost/Camunda account; such calls are stateless: no session, \
                        no CSRF token), or use the session of the login page and send its CSRF token (from GET \
                        /api/me) in the X-CSRF-TOKEN header with every change. Refusals are JSON: {"status", \
                        "error", "message", "path", "timestamp"}; a 401 carries the Basic challenge. A field that \
                        can be null is typed so; every other field of an answer is always there."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A Crosspost (Camunda) user name and password."))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session of the login page (/login). Changes also need the "
                                        + "X-CSRF-TOKEN header (token from GET /api/me).")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(SESSION));
    }

    @Bean
    OpenApiCustomizer truthfulStatuses() {
        return api -> {
            // here, not in the OpenAPI bean: springdoc replaces the bean's schemas with the ones it derives
            api.getComponents().addSchemas(ERROR, errorSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(method + " " + path, path, method, operation)));
            liveStreamsAreText(api);
            answersCarryEveryField(api);
        };
    }

    /** A live stream answers Server-Sent Events, not the fields of Spring's SseEmitter. */
    private static void liveStreamsAreText(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(o -> {
            ApiResponse ok = o.getResponses() == null ? null : o.getResponses().get("200");
            MediaType stream = ok == null || ok.getContent() == null ? null : ok.getContent().get("text/event-stream");
            if (stream != null) {
                stream.setSchema(new StringSchema().description("Server-Sent Events: 'event: shout' with "
                        + "'data:' the shout as JSON (the Shout schema), one per new shout; 'event: shout-edited' "
                        + "with the shout as it now reads (editedAt set); 'event: shout-deleted' with "
                        + "'data: {\"id\": ...}' of a shout removed"));
            }
        }));
        api.getComponents().getSchemas().remove("SseEmitter");
    }

    /**
     * The API's answers are records written with every field (a missing value as {@code null}): each schema that
     * only answers requires all its properties, so a client may rely on them. Request bodies keep theirs optional
     * (a left-out field means "unchanged" or a default), as their records say.
     */
    private static void answersCarryEveryField(OpenAPI api) {
        Set<String> requests = new HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().stream()
                .filter(o -> o.getRequestBody() != null && o.getRequestBody().getContent() != null)
                .flatMap(o -> o.getRequestBody().getContent().values().stream())
                .map(m -> m.getSchema() == null ? null : m.getSchema().get$ref()).filter(Objects::nonNull)
                .forEach(ref -> requests.add(ref.substring(ref.lastIndexOf('/') + 1))));
        api.getComponents().getSchemas().forEach((name, schema) -> {
            if (!requests.contains(name) && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
    }

    private static void describe(String key, String path, PathItem.HttpMethod method, Operation operation) {
        TAGS.entrySet().stream().filter(t -> path.startsWith(t.getKey())).findFirst()
                .ifPresent(t -> operation.setTags(new ArrayList<>(List.of(t.getValue()))));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse ok = responses.get("200");
        if (CREATES.contains(key) && ok != null) {
            responses.remove("200");
            responses.addApiResponse("201", copy(ok, "Created"));
            if (key.startsWith("POST /api/shoutboxes")) {
                responses.addApiResponse("200", copy(ok, "The same Idempotency-Key again: the first shout, "
                        + "nothing new created"));
            }
        } else if (method == PathItem.HttpMethod.DELETE) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Deleted"));
        } else if (ok != null) {
            ok.setDescription("OK");
        }
        responses.addApiResponse("400", error("The request is malformed or a value is not allowed (see message)"));
        responses.addApiResponse("401", error("Not logged in, or the credentials are wrong").addHeaderObject(
                "WWW-Authenticate", new Header().description("The HTTP Basic challenge, realm \"Crosspost\" (not "
                        + "sent to a script on Crosspost's own pages, which would make the browser ask for a password)")
                        .schema(new StringSchema().example("Basic realm=\"Crosspost\", charset=\"UTF-8\""))));
        responses.addApiResponse("403", error("Logged in, but not allowed (or the session's CSRF token is missing)"));
        if (path.contains("{")) {
            responses.addApiResponse("404", error("No such resource, or one the caller may not read"));
        }
        if (CONFLICTS.contains(key)) {
            responses.addApiResponse("409", error("Conflicts with what is stored (a changed story; an "
                    + "Idempotency-Key used for another message; a subscription that exists; a shout past its edit "
                    + "window, or relayed from elsewhere)"));
        }
        responses.addApiResponse("406", error("The Accept header names no type this operation answers with"));
        if (operation.getRequestBody() != null) {
            responses.addApiResponse("413", error("The request body is larger than the server takes"));
            responses.addApiResponse("415", error("The body is not application/json"));
        }
        responses.addApiResponse("429", error(LIMITED.contains(key)
                ? "Too many in a short time (or too many live streams open); wait for Retry-After seconds"
                : key.equals(PROFILE_UPDATE)
                ? "A new phone number's code would be over the cap of SMS per hour to that number "
                        + "(crosspost.sms.max-per-hour), or too many failed logins; wait for Retry-After seconds"
                : "Too many failed logins from this address or for this account; wait for Retry-After seconds"));
        operation.setResponses(responses);
        if (operation.getSummary() == null) {
            operation.setSummary(SUMMARIES.get(key));
        }
    }

    private static ApiResponse copy(ApiResponse ok, String description) {
        return new ApiResponse().description(description).content(ok.getContent());
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema().description("Why a request was refused")
                .required(List.of("status", "error", "message", "path", "timestamp"))
                .addProperty("status", new IntegerSchema().example(403))
                .addProperty("error", new StringSchema().example("Forbidden"))
                .addProperty("message", new StringSchema().example("you are not a member of team 'dev'"))
                .addProperty("path", new StringSchema().example("/api/shoutboxes/dev/shouts"))
                .addProperty("timestamp", new StringSchema().format("date-time"));
    }
}

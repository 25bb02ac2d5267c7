package dev.crosspost.webhook.incoming;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.message.Acceptance;
import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.Refusal;
import dev.crosspost.refusal.TooMany;
import dev.crosspost.webhook.Hook;
import dev.crosspost.webhook.HookName;
import dev.crosspost.webhook.WebhookProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where other systems call: {@code POST /hooks/<name>/<token>} (the secret URL, as Slack and Mattermost give out) or
 * {@code POST /hooks/<name>} signed with {@code X-Hub-Signature-256} (as GitHub signs). No login, no CSRF token
 * (security/ lets these in). The checks run in this order: content type (415), size (413), the hook and its secret
 * (404 for an unknown hook and a wrong token alike, 401 for a bad or missing signature), the hook's rate (429 with
 * Retry-After), the payload (400); then 200 with the message's id, the first one's for a repeated
 * {@code X-GitHub-Delivery}. Errors are the API's JSON shape, with the token left out of the path, and nothing of a
 * token or secret is logged.
 */
@RestController
class HookEndpoint {

    private static final Logger log = LoggerFactory.getLogger(HookEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = HookEndpoint.class.getName() + ".hook";

    private final IncomingHooks hooks;
    private final WebhookProperties properties;

    HookEndpoint(IncomingHooks hooks, WebhookProperties properties) {
        this.hooks = hooks;
        this.properties = properties;
    }

    @PostMapping({"/hooks/{name}", "/hooks/{name}/{token}"})
    ResponseEntity<Map<String, Object>> call(@PathVariable String name, @PathVariable(required = false) String token,
                                             HttpServletRequest request) {
        if (!properties.enabled() || !HookName.valid(name)) {
            throw IncomingHooks.notFound(name);
        }
        boolean form = form(request.getContentType());
        byte[] body = body(request);
        Hook hook = token == null ? hooks.bySignature(name, body, request.getHeader(IncomingHooks.SIGNATURE_HEADER))
                : hooks.byToken(name, token);
        request.setAttribute(HOOK, hook);
        hooks.takeTurn(hook);
        Preset.Reading reading = hooks.read(hook, payload(body, form), request::getHeader);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("channel", HookName.address(name).toString());
        if (reading.ignored() != null) {
            hooks.ignored(hook, reading.ignored());
            answer.put("accepted", false);
            answer.put("reason", reading.ignored());
            return ResponseEntity.ok(answer);
        }
        Acceptance acceptance = hooks.accept(hook, reading, request.getHeader("X-GitHub-Delivery"));
        answer.put("accepted", true);
        answer.put("messageId", acceptance.messageId());
        answer.put("duplicate", acceptance.duplicate());
        return ResponseEntity.ok(answer);
    }

    /** {@code true} for GitHub's form body, {@code false} for JSON; 415 for anything else. */
    private static boolean form(String contentType) {
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            if (type != null && MediaType.APPLICATION_JSON.includes(type)) {
                return false;
            }
            if (type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
                return true;
            }
        } catch (InvalidMediaTypeException unreadable) {
            // answered below, like a missing one
        }
        throw new HookRefused(415, "send Content-Type application/json (or GitHub's "
                + "application/x-www-form-urlencoded with payload=), not " + (contentType == null ? "none" : "'"
                + contentType + "'"));
    }

    /**
     * The raw body, read here from the stream: the signature is over these bytes, and nothing may parse a form
     * body into parameters first.
     */
    private byte[] body(HttpServletRequest request) {
        long max = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        try {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw tooLarge(max);
            }
            return body;
        } catch (IOException e) {
            // web/BodySizeLimit stops a chunked body past crosspost.web.max-body-size this way
            throw String.valueOf(e.getMessage()).contains("larger than") ? tooLarge(max)
                    : new Invalid("the request body could not be read");
        }
    }

    private static HookRefused tooLarge(long max) {
        return new HookRefused(413, "the body is larger than " + max + " bytes (crosspost.webhooks.max-body-size)");
    }

    private static JsonNode payload(byte[] body, boolean form) {
        String json = form ? formPayload(body) : null;
        try {
            JsonNode node = json == null ? JSON.readTree(body) : JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new Invalid("the payload must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Invalid("the payload is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid("the payload could not be read");
        }
    }

    /** GitHub's {@code application/x-www-form-urlencoded} body: the JSON payload in the field {@code payload}. */
    private static String formPayload(byte[] body) {
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "payload".equals(pair.substring(0, eq))) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Invalid("the form field 'payload' is not URL-encoded");
                }
            }
        }
        throw new Invalid("a form body needs the field 'payload' holding the JSON payload");
    }

    @ExceptionHandler(HookRefused.class)
    ResponseEntity<Map<String, Object>> refused(HookRefused e, HttpServletRequest request) {
        return answer(e.status(), e.getMessage(), request, null);
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Map<String, Object>> refused(Refusal e, HttpServletRequest request) {
        int status = e instanceof NotFound ? 404 : e instanceof TooMany ? 429 : e instanceof Conflict ? 409 : 400;
        return answer(status, e.getMessage(), request, e instanceof TooMany many ? many : null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> failed(Exception e, HttpServletRequest request) {
        log.error("in  {}: a call failed", channel(request), e);
        return answer(500, "something went wrong on our side; it has been logged", request, null);
    }

    private ResponseEntity<Map<String, Object>> answer(int status, String message, HttpServletRequest request,
                                                       TooMany tooMany) {
        if (request.getAttribute(HOOK) instanceof Hook hook && status != 429 && status != 500) {
            hooks.refused(hook, status, message); // 401, 404 and 429 were recorded where they were decided
        }
        if (status != 500) {
            log.info("in  {} refused {}: {}", channel(request), status, message);
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", known == null ? String.valueOf(status) : known.getReasonPhrase());
        body.put("message", message);
        body.put("path", path(request));
        body.put("timestamp", Instant.now().toString());
        var builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (tooMany != null && tooMany.retryAfter() != null) {
            builder.header("Retry-After", String.valueOf(Math.max(1, (tooMany.retryAfter().toMillis() + 999) / 1000)));
        }
        return builder.body(body);
    }

    /** The path without the URL token: {@code /hooks/<name>} or {@code /hooks/<name>/…}. */
    private static String path(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int token = path.indexOf('/', "/hooks/".length());
        return token < 0 ? path : path.substring(0, token) + "/…";
    }

    private static String channel(HttpServletRequest request) {
        String path = path(request);
        String rest = path.length() > "/hooks/".length() ? path.substring("/hooks/".length()) : "";
        int slash = rest.indexOf('/');
        return HookName.KIND + ":" + (slash < 0 ? rest : rest.substring(0, slash));
    }
}

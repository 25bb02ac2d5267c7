package dev.crosspost.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.Refusal;
import dev.crosspost.refusal.TooMany;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every refused API request gets a JSON body with a message a person can act on; never a stack trace. The
 * services' refusals become statuses here: {@link Invalid} 400, {@link Forbidden} 403, {@link NotFound} 404,
 * {@link Conflict} 409, {@link TooMany} 429.
 */
@RestControllerAdvice(basePackages = "dev.crosspost")
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final Map<Class<? extends Refusal>, HttpStatus> STATUSES = Map.of(
            Invalid.class, HttpStatus.BAD_REQUEST,
            Forbidden.class, HttpStatus.FORBIDDEN,
            NotFound.class, HttpStatus.NOT_FOUND,
            Conflict.class, HttpStatus.CONFLICT,
            TooMany.class, HttpStatus.TOO_MANY_REQUESTS);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> apiException(ApiException e, HttpServletRequest request) {
        return body(e.status(), e.getMessage(), request);
    }

    /** A service's refusal: the status of its kind ({@link #STATUSES}), with its message; a 429 that knows when to
     * come back says so in {@code Retry-After}. */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<Map<String, Object>> refused(Refusal e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> answer = body(statusOf(e), e.getMessage(), request);
        if (!(e instanceof TooMany tooMany) || tooMany.retryAfter() == null) {
            return answer;
        }
        // whole seconds, at least 1 (as the rate limits' Retry-After)
        long seconds = Math.max(1, (tooMany.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header("Retry-After", String.valueOf(seconds)).body(answer.getBody());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        JsonProblems.Problem problem = JsonProblems.describe(e);
        return body(problem.status(), problem.message(), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        var error = e.getBindingResult().getFieldErrors().stream().findFirst();
        String message = error.map(f -> "field '" + f.getField() + "' " + f.getDefaultMessage())
                .orElse("the request is not valid");
        return body(HttpStatus.BAD_REQUEST, message, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has an invalid value", request);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> illegal(IllegalArgumentException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    /** A client that went away (a closed tab, a dropped live stream) is not an error: nothing to answer or log. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e, HttpServletRequest request) {
        log.debug("client went away on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            // Spring MVC's own 4xx: unsupported media type, missing parameter, wrong method, ...
            String detail = response.getBody().getDetail();
            return body(response.getStatusCode(), detail == null ? "the request was refused" : detail, request);
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "something went wrong on our side; it has been logged",
                request);
    }

    /** The status of a refusal's kind (a subclass of a kind is that kind); 400 for a kind not listed. */
    private static HttpStatus statusOf(Refusal e) {
        for (Class<?> kind = e.getClass(); kind != Refusal.class; kind = kind.getSuperclass()) {
            HttpStatus status = STATUSES.get(kind);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.BAD_REQUEST;
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatusCode status, String message, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status instanceof HttpStatus s ? s.getReasonPhrase() : String.valueOf(status.value()));
        body.put("message", message);
        body.put("path", request.getRequestURI());
        body.put("timestamp", Instant.now().toString());
        // Preset, so the error is JSON even for a client that asked for text/event-stream.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}

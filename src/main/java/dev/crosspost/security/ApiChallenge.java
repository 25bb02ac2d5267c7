package dev.crosspost.security;

import dev.crosspost.web.JsonError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The API's 401: the JSON error body, and the HTTP Basic challenge ({@code WWW-Authenticate}) that tells an API
 * client how to log in. A script on one of Crosspost's pages (a browser's fetch or EventSource says so in
 * {@code Sec-Fetch-Mode}, older clients in {@code X-Requested-With}) gets no challenge: the browser would open a
 * password dialog over the page instead of letting the page send the person to the login form.
 */
final class ApiChallenge {

    static final String CHALLENGE = "Basic realm=\"Crosspost\", charset=\"UTF-8\"";
    static final AuthenticationEntryPoint ENTRY_POINT = (request, response, e) -> {
        if (!fromAPageScript(request)) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        JsonError.write(request, response, 401, "log in (HTTP Basic or the login page) first");
    };

    private ApiChallenge() {
    }

    static boolean fromAPageScript(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return mode != null && !mode.equals("navigate")
                || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }
}

package dev.crosspost.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * Crosspost's own login page (instead of Spring Security's generated one). Spring Security still takes the form's
 * POST to {@code /login}; this page only shows the form, with the session's CSRF token, and why you are here
 * again ({@code ?error}, {@code ?logout}).
 */
@Controller
@Hidden
class LoginPage {

    private final String template;

    LoginPage() {
        try {
            template = new ClassPathResource("pages/login.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the login page is missing from the build", e);
        }
    }

    @GetMapping("/login")
    ResponseEntity<String> page(CsrfToken csrf, @RequestParam(required = false) String error,
                @RequestParam(required = false) String logout) {
        String message = error != null ? "<p class=\"status error\" role=\"alert\">Wrong user name or password.</p>"
                : logout != null ? "<p class=\"status\" role=\"status\">You are logged out.</p>" : "";
        // HTML whatever the client asked for: it is a page, and a preset type skips content negotiation
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(template.replace("{{message}}", message)
                .replace("{{csrfParameter}}", HtmlUtils.htmlEscape(csrf.getParameterName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken())));
    }
}

package dev.crosspost.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.crosspost.web.JsonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every password check goes through here first: Crosspost's login form, HTTP Basic anywhere ({@code /api},
 * {@code /engine-rest}, actuator) and the login of Camunda's webapps (by address only: its user name is in a
 * form body that Camunda's REST layer must read itself). A refused try gets 429 with {@code Retry-After} and is
 * not checked at all; the outcome of the others (401, or the login form's error redirect, is a failure) feeds
 * {@link LoginThrottle}. HTTP Basic credentials found right within the last
 * {@link CamundaAuthenticationProvider#REMEMBER} check no password and pass untouched: an address refused for
 * guessing is still refused for every other login, but not for one whose password was checked just before.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 10) // before Spring Security and Camunda's /engine-rest filter
class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

    private final LoginThrottle throttle;
    private final CamundaAuthenticationProvider logins;

    LoginThrottleFilter(LoginThrottle throttle, CamundaAuthenticationProvider logins) {
        this.throttle = throttle;
        this.logins = logins;
    }

    private enum Kind { FORM, BASIC, CAMUNDA_WEBAPP }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Kind kind = kind(request);
        if (kind == null || kind == Kind.BASIC && logins.remembers(request.getHeader("Authorization"))) {
            // A Basic login checked right moments ago (an API client sends it with every call) checks no password
            // now: nothing to throttle. Asking the throttle was a locked row of the shared bucket table per call on
            // PostgreSQL, the same row for every call from one address (src/bench/README.md).
            chain.doFilter(request, response);
            return;
        }
        // The client's address. Behind a proxy, set server.forward-headers-strategy=native (docker/compose.yaml does):
        // Tomcat then puts the address from X-Forwarded-For here, taken only from internal proxies
        // (server.tomcat.remoteip.internal-proxies). Unset, the header is ignored: a client cannot pick its address.
        String address = request.getRemoteAddr();
        String account = switch (kind) {
            case FORM -> blankToNull(request.getParameter("username"));
            case BASIC -> basicUser(request.getHeader("Authorization"));
            case CAMUNDA_WEBAPP -> null;
        };
        Duration wait = throttle.refusal(address, account);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            log.info("login refused for {} from {}: too many failed logins, retry after {} s", account, address, seconds);
            response.setHeader("Retry-After", String.valueOf(seconds));
            JsonError.write(request, response, 429, "too many failed logins: try again in " + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
        if (failed(kind, response)) {
            throttle.failed(address, account);
        } else if (account != null && response.getStatus() < 400) {
            throttle.succeeded(address, account);
        }
    }

    private static Kind kind(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Kind.BASIC;
        }
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        if (path.equals("/login")) {
            return Kind.FORM;
        }
        return path.startsWith("/camunda/api/admin/auth/user/") && path.contains("/login/") ? Kind.CAMUNDA_WEBAPP : null;
    }

    private static boolean failed(Kind kind, HttpServletResponse response) {
        if (kind == Kind.FORM) {
            String location = response.getHeader("Location");
            return location != null && location.contains("/login?error");
        }
        return response.getStatus() == 401;
    }

    private static String basicUser(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

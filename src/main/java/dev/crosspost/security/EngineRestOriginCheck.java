package dev.crosspost.security;

import java.io.IOException;
import java.util.Set;

import dev.crosspost.web.JsonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /engine-rest} has no CSRF token: a state-changing call that a browser sends from another site's page
 * (with credentials it cached after a Basic challenge) is refused with 403. Camunda Modeler's deploy and other
 * API clients send no browser {@code Origin} and are not affected.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 5)
class EngineRestOriginCheck extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod())
                || !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/engine-rest/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CrossSite.fromOtherSite(request)) {
            JsonError.write(request, response, 403, "cross-site requests to /engine-rest are refused");
            return;
        }
        chain.doFilter(request, response);
    }
}

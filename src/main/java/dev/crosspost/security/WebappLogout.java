package dev.crosspost.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signing out in Cockpit, Admin or Tasklist ends the Crosspost session too. Camunda's logout only forgets the
 * webapps' own authentication; with single sign-on the next request would bring it straight back from Spring
 * Security's session. So once Camunda has accepted the logout (its CSRF check passed, it answered 2xx), the
 * whole HTTP session goes.
 */
final class WebappLogout extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebappLogout.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if ("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/logout")
                && response.getStatus() < 300) {
            HttpSession session = request.getSession(false);
            String user = request.getRemoteUser();
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            log.info("{} signed out in Camunda's webapps: Crosspost session ended", user == null ? "someone" : user);
        }
    }
}

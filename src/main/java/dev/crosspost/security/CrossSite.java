package dev.crosspost.security;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request was sent by a browser on behalf of another site's page. Browsers say where a request comes
 * from ({@code Sec-Fetch-Site}, {@code Origin} on every cross-origin POST); API clients such as curl and Camunda
 * Modeler send neither. A browser that once answered a Basic challenge replays those credentials on forged
 * requests too, so a Basic header alone proves nothing about who sent a request.
 */
final class CrossSite {

    private CrossSite() {
    }

    static boolean fromOtherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && request.getServerName().equalsIgnoreCase(uri.getHost()) && request.getServerPort() == port;
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed or file page) and anything unreadable
        }
    }
}

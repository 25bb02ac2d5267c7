package dev.crosspost.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.crosspost.web.JsonError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The API calls that send something, and the {@link RateLimits} kind each takes from: over the limit, 429 with
 * {@code Retry-After} (seconds), before the request body is read.
 */
@Configuration
class RateLimitedRoutes implements WebMvcConfigurer, HandlerInterceptor {

    private record Route(String method, PathPattern pattern, String kind, Function<Map<String, String>, String> channel) {
    }

    private static final List<Route> ROUTES = List.of(
            route("POST", "/api/shoutboxes/{box}/shouts", "shout", v -> "shoutbox:" + v.get("box")),
            route("PATCH", "/api/shoutboxes/{box}/shouts/{id}", "shout", v -> "shoutbox:" + v.get("box")),
            route("POST", "/api/stories", "story", v -> "event:story"),
            route("PUT", "/api/stories/{id}", "story", v -> "event:story"),
            route("POST", "/api/stories/{id}/comments", "comment", v -> "event:story"));

    private final RateLimits limits;

    RateLimitedRoutes(RateLimits limits) {
        this.limits = limits;
    }

    private static Route route(String method, String pattern, String kind, Function<Map<String, String>, String> channel) {
        return new Route(method, PathPatternParser.defaultInstance.parse(pattern), kind, channel);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            return true; // refused elsewhere
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        for (Route route : ROUTES) {
            var match = route.method().equals(request.getMethod()) ? route.pattern().matchAndExtract(path) : null;
            if (match != null) {
                var verdict = limits.tryTake(route.kind(), auth.getName(), route.channel().apply(match.getUriVariables()));
                if (!verdict.allowed()) {
                    response.setHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
                    String what = route.kind().equals("story") ? "stories" : route.kind() + "s";
                    JsonError.write(request, response, 429, "too many " + what + " in a short time: try again in "
                            + verdict.retryAfterSeconds() + " s");
                    return false;
                }
                return true;
            }
        }
        return true;
    }
}

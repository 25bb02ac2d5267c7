package dev.crosspost.security;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Crosspost's pages and API: form login and HTTP Basic against Camunda's directory.
 * Camunda's webapps keep their own login and CSRF protection; {@code /engine-rest} is guarded by Camunda's
 * own HTTP Basic filter, and Camunda's authorizations decide what each user may do there.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    /** The signed one-click unsubscribe link of notification mails: no login, no CSRF token (RFC 8058). */
    private static final RequestMatcher UNSUBSCRIBE = PathPatternRequestMatcher.withDefaults().matcher("/unsubscribe");
    /** By URI prefix: /engine-rest is Jersey's servlet, which Spring MVC path matchers do not see. */
    private static final RequestMatcher CAMUNDA = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/camunda/") || path.equals("/camunda") || path.startsWith("/engine-rest/");
    };
    private static final RequestMatcher BASIC_AUTH = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    };

    /** Camunda's webapps and REST API bring their own authentication; Spring Security stays out of the way. */
    @Bean
    @Order(1)
    SecurityFilterChain camunda(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(CAMUNDA)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain crosspost(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/favicon.ico", "/css/**", "/js/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(UNSUBSCRIBE).permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/**", "/api/channels/**", "/channels", "/removals").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false))
                .httpBasic(Customizer.withDefaults())
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                // Basic-auth API clients send credentials with every call, which a forged cross-site request
                // cannot do; the session-based pages need the CSRF token.
                .csrf(c -> c.ignoringRequestMatchers(BASIC_AUTH, UNSUBSCRIBE))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(jsonUnauthorized(), API)
                        .defaultAccessDeniedHandlerFor(jsonForbidden(), API))
                .build();
    }

    private static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Crosspost\"");
            writeError(request, response, 401, "Unauthorized", "log in (HTTP Basic or the login page) first");
        };
    }

    private static AccessDeniedHandler jsonForbidden() {
        return (request, response, e) -> {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth == null || auth instanceof AnonymousAuthenticationToken) {
                // Not logged in at all: say so, rather than complain about the CSRF token it could not have.
                jsonUnauthorized().commence(request, response, null);
            } else if (e instanceof CsrfException) {
                writeError(request, response, 403, "Forbidden", "missing or invalid CSRF token: reload the page");
            } else {
                writeError(request, response, 403, "Forbidden", "you may not do this");
            }
        };
    }

    private static void writeError(HttpServletRequest request, HttpServletResponse response, int status,
                                   String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\"" + message
                + "\",\"path\":\"" + request.getRequestURI().replaceAll("[\"\\\\<>]", "") + "\",\"timestamp\":\""
                + Instant.now() + "\"}");
    }

    /** {@code /engine-rest} needs HTTP Basic; Camunda's authorizations then apply to that user. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}

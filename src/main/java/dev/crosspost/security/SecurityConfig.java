package dev.crosspost.security;

import java.util.Set;

import dev.crosspost.web.JsonError;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Crosspost's pages and API: form login and HTTP Basic against Camunda's directory.
 * Camunda's webapps share that login (single sign-on, see {@code dev.crosspost.cockpit}) and keep their own CSRF
 * protection; {@code /engine-rest} is guarded by Camunda's own HTTP Basic filter, and Camunda's authorizations
 * decide what each user may do there.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    /** The signed one-click unsubscribe link of notification mails: no login, no CSRF token (RFC 8058). */
    private static final RequestMatcher UNSUBSCRIBE = PathPatternRequestMatcher.withDefaults().matcher("/unsubscribe");
    /**
     * Calls to incoming webhooks, from other systems: the hook's secret URL or body signature is the credential
     * (checked by webhook/), so no login, no session, no CSRF token.
     */
    private static final RequestMatcher WEBHOOK_CALLS = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/hooks/**");
    /** By URI prefix: /engine-rest is Jersey's servlet, which Spring MVC path matchers do not see. */
    private static final RequestMatcher CAMUNDA = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/camunda/") || path.equals("/camunda") || path.startsWith("/engine-rest/");
    };
    /** Pages of Cockpit, Admin, Tasklist: a person who is not logged in is sent to Crosspost's login form. */
    private static final RequestMatcher WEBAPP_PAGES = request ->
            request.getRequestURI().substring(request.getContextPath().length()).startsWith("/camunda/app/");
    /**
     * An API client that sends its credentials with each call (curl, scripts) needs no CSRF token; a request that a
     * browser sends from another site's page does, even with a Basic header: a browser replays cached Basic
     * credentials on requests other sites forge.
     */
    private static final RequestMatcher BASIC_AUTH_NOT_FROM_A_BROWSER_PAGE = request ->
            basic(request) && !CrossSite.fromOtherSite(request);
    /** An API call that brings its own credentials: answered without a session (see {@link #basicApi}). */
    /** The API that is the admins' alone, whichever way a call logs in (both chains below use it). */
    private static final String[] ADMIN_API = {"/api/channels/**", "/api/hooks/**"};
    private static final RequestMatcher BASIC_API = request -> API.matches(request) && basic(request);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** A change that another site's page asked a browser to send: it would need a session's CSRF token. */
    private static final RequestMatcher CHANGE_FROM_ANOTHER_SITE = request ->
            !SAFE_METHODS.contains(request.getMethod()) && CrossSite.fromOtherSite(request);
    /** Where the login form sends a person back to: pages, never the API (and so no session for an API 401). */
    private static final RequestMatcher PAGES = request -> !API.matches(request);
    /** Pages run only scripts and styles from this site: an injected inline script does not run. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    /**
     * Camunda's webapps take the login of Spring Security's session (container-based authentication); their
     * pages send a person who is not logged in to the login form, and back after it. Their API and
     * {@code /engine-rest} answer for themselves (401), with Camunda's own CSRF protection.
     */
    @Bean
    @Order(1)
    SecurityFilterChain camunda(HttpSecurity http) throws Exception {
        var pages = new HttpSessionRequestCache();
        pages.setRequestMatcher(WEBAPP_PAGES);
        return http
                .securityMatcher(CAMUNDA)
                .authorizeHttpRequests(a -> a.requestMatchers(WEBAPP_PAGES).authenticated().anyRequest().permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .csrf(c -> c.disable())
                .requestCache(c -> c.requestCache(pages))
                .build();
    }

    /**
     * Incoming webhooks: let in as they come, with no session created or read and the body left untouched (a form
     * body is not parsed into parameters: its signature is over the raw bytes).
     */
    @Bean
    @Order(2)
    SecurityFilterChain webhookCalls(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(WEBHOOK_CALLS)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable())
                .build();
    }

    /**
     * API calls with HTTP Basic credentials (curl, scripts): stateless, so a call neither creates a session nor
     * reads one (no cookie, no CSRF token to fetch). A state change that a browser sends on behalf of another
     * site's page is still refused: a browser replays Basic credentials it once took on forged requests too.
     */
    @Bean
    @Order(3)
    SecurityFilterChain basicApi(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(BASIC_API)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        // no CSRF token is issued without a session, so such a change can never bring one
                        .requestMatchers(CHANGE_FROM_ANOTHER_SITE).denyAll()
                        .requestMatchers(ADMIN_API).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(ApiChallenge.ENTRY_POINT))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e.authenticationEntryPoint(ApiChallenge.ENTRY_POINT)
                        .accessDeniedHandler(jsonForbidden()))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain crosspost(HttpSecurity http) throws Exception {
        var pages = new HttpSessionRequestCache();
        pages.setRequestMatcher(PAGES);
        return http
                .authorizeHttpRequests(a -> a
                        // The async dispatch that ends a live stream continues a request already let in; the
                        // session may be gone by then (logged out in another tab, or in Cockpit).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico", "/favicon.svg", "/css/**", "/js/**")
                        .permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(UNSUBSCRIBE).permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers(ADMIN_API).hasRole("ADMIN")
                        .requestMatchers("/actuator/**", "/channels", "/removals", "/hooks", "/hooks.html").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false))
                .httpBasic(b -> b.authenticationEntryPoint(ApiChallenge.ENTRY_POINT))
                .requestCache(c -> c.requestCache(pages))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .csrf(c -> c.ignoringRequestMatchers(BASIC_AUTH_NOT_FROM_A_BROWSER_PAGE, UNSUBSCRIBE))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(ApiChallenge.ENTRY_POINT, API)
                        .defaultAccessDeniedHandlerFor(jsonForbidden(), API))
                .build();
    }

    private static boolean basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static AccessDeniedHandler jsonForbidden() {
        return (request, response, e) -> {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = auth == null || auth instanceof AnonymousAuthenticationToken;
            boolean credentials = request.getHeader("Authorization") != null;
            if (anonymous && !(credentials && e instanceof CsrfException)) {
                // Not logged in at all: say so, rather than complain about the CSRF token it could not have.
                // (Credentials refused for want of a token are a CSRF refusal: 403 below.)
                ApiChallenge.ENTRY_POINT.commence(request, response, null);
            } else if (e instanceof CsrfException
                    || BASIC_API.matches(request) && CHANGE_FROM_ANOTHER_SITE.matches(request)) {
                JsonError.write(request, response, 403, "missing or invalid CSRF token: reload the page");
            } else {
                JsonError.write(request, response, 403, "you may not do this");
            }
        };
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

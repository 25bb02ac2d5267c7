package dev.crosspost.security;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One login for Crosspost and Camunda's webapps (Cockpit, Admin, Tasklist): Camunda's container-based
 * authentication, fed by Spring Security's session ({@link SpringSecurityAuthentication}). Both filters run
 * inside Spring Security's filter chain (which loads the session's login) and before Camunda's own webapp
 * filters, which Camunda registers after every ordered filter.
 */
@Configuration
class CockpitSingleSignOn {

    static final String WEBAPPS = "/camunda";

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("crosspost-webapp-single-sign-on");
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityAuthentication.class.getName()));
        registration.addUrlPatterns(WEBAPPS + "/app/*", WEBAPPS + "/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappLogout> webappLogout() {
        var registration = new FilterRegistrationBean<>(new WebappLogout());
        registration.setName("crosspost-webapp-logout");
        registration.addUrlPatterns(WEBAPPS + "/api/admin/auth/user/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}

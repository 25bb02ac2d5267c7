package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class SpringSecurityAuthenticationTest {

    private final SpringSecurityAuthentication provider = new SpringSecurityAuthentication();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theWebappsTakeTheUserOfSpringSecuritysLogin() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null,
                List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))));
        var result = provider.extractAuthenticatedUser(null, null);
        assertThat(result.isAuthenticated()).isTrue();
        assertThat(result.getAuthenticatedUser()).isEqualTo("alice");
        assertThat(result.getGroups()).as("left to Camunda's identity service").isNull();
    }

    @Test
    void noLoginAnAnonymousOneOrAnUnfinishedOneIsNoWebappLogin() {
        assertThat(provider.extractAuthenticatedUser(null, null).isAuthenticated()).isFalse();
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
        assertThat(provider.extractAuthenticatedUser(null, null).isAuthenticated()).isFalse();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.unauthenticated("mallory", "guess"));
        assertThat(provider.extractAuthenticatedUser(null, null).isAuthenticated()).isFalse();
    }
}

package dev.crosspost.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks logins against Camunda's identity service, the one directory of people. Members of Camunda's
 * {@code camunda-admin} group get {@code ROLE_ADMIN}.
 */
@Component
class CamundaAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || credentials == null
                || !identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("wrong user name or password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_MEMBER"));
        if (identity.createGroupQuery().groupMember(user).groupId(Groups.CAMUNDA_ADMIN).count() > 0) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package dev.crosspost.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>
 * API clients send HTTP Basic credentials with every call; a successful check is remembered for
 * {@link #REMEMBER} (keyed by the user and a SHA-256 of the password, never the password itself), so a busy
 * client costs one directory check per half minute instead of several queries per call. A changed password
 * or group membership therefore takes effect within that time. Failures are never remembered, so Camunda's
 * guard against guessing still sees every wrong password.
 */
@Component
class CamundaAuthenticationProvider implements AuthenticationProvider {

    static final Duration REMEMBER = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED = 10_000;

    private final IdentityService identity;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    CamundaAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    private record Remembered(List<GrantedAuthority> authorities, long until) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || credentials == null) {
            throw new BadCredentialsException("wrong user name or password");
        }
        String key = user + "\u0000" + sha256(credentials.toString());
        Remembered hit = remembered.get(key);
        if (hit != null && hit.until() > System.nanoTime()) {
            return UsernamePasswordAuthenticationToken.authenticated(user, null, hit.authorities());
        }
        if (!identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("wrong user name or password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_MEMBER"));
        if (identity.createGroupQuery().groupMember(user).groupId(Groups.CAMUNDA_ADMIN).count() > 0) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(List.copyOf(authorities), System.nanoTime() + REMEMBER.toNanos()));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    /**
     * Whether an HTTP Basic {@code Authorization} header carries a user and password that were checked and found right
     * within {@link #REMEMBER}: using them checks no password, so there is nothing for the login throttle to count.
     */
    boolean remembers(String basicHeader) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basicHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        Remembered hit = remembered.get(decoded.substring(0, colon) + "\u0000" + sha256(decoded.substring(colon + 1)));
        return hit != null && hit.until() > System.nanoTime();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

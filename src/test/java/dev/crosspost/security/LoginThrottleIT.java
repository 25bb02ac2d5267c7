package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.FromAddress;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are throttled per client address and per account (429 with Retry-After) on the login form, HTTP
 * Basic on /api and on /engine-rest alike, and nobody can lock an account's owner out: Camunda's own delay and
 * lock are off. Each test uses addresses of its own (127.0.N.x), so the throttle state of one test never
 * touches another. Defaults: 10 failures per address, 20 per account, per 10 minutes.
 */
class LoginThrottleIT extends AbstractIT {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final int PER_ADDRESS = 10;

    private FromAddress from(String address) {
        return new FromAddress(address, port);
    }

    @Test
    void oneWrongPasswordThenTheRightOneLogsIn() {
        // was: the right password refused for 3 s after one wrong one (Camunda's delay), from everywhere
        var client = from("127.0.1.1");
        assertThat(client.get("/api/me", "Authorization", FromAddress.basic(ADMIN, "wrong")).status()).isEqualTo(401);
        assertThat(client.get("/api/me", "Authorization", FromAddress.basic(ADMIN, ADMIN_PASSWORD)).status())
                .isEqualTo(200);
        assertThat(client.get("/engine-rest/user/" + ADMIN + "/profile", "Authorization",
                FromAddress.basic(ADMIN, ADMIN_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aStrangerIsThrottledAndCannotLockTheOwnerOut() {
        TestMember owner = createMember("owner", "team");
        String ownerAuth = FromAddress.basic(owner.id(), owner.password());
        var stranger = from("127.0.2.1");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(stranger.get("/api/me", "Authorization", FromAddress.basic(owner.id(), "guess" + i)).status())
                    .isEqualTo(401);
        }
        var refused = stranger.get("/api/me", "Authorization", FromAddress.basic(owner.id(), "guess-more"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isPositive();
        assertThat(refused.body()).contains("too many failed logins");
        // The address is refused for every account, even with a right password: it is not checked at all.
        assertThat(stranger.get("/api/me", "Authorization", ownerAuth).status()).isEqualTo(429);

        // The owner, from another address, gets in, on /api and on /engine-rest; Camunda has not locked the account.
        assertThat(from("127.0.2.2").get("/api/me", "Authorization", ownerAuth).status()).isEqualTo(200);
        assertThat(from("127.0.2.3").get("/engine-rest/user/" + owner.id() + "/profile", "Authorization", ownerAuth)
                .status()).isEqualTo(200);
        assertThat(identity.checkPassword(owner.id(), owner.password())).isTrue();
    }

    @Test
    void anApiClientWhosePasswordWasJustCheckedIsNotHeldUpByGuessesFromItsAddress() {
        TestMember owner = createMember("busy", "team");
        String ownerAuth = FromAddress.basic(owner.id(), owner.password());
        var shared = from("127.0.7.1");
        assertThat(shared.get("/api/me", "Authorization", ownerAuth).status()).isEqualTo(200);
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(shared.get("/api/me", "Authorization", FromAddress.basic(owner.id(), "guess" + i)).status())
                    .isEqualTo(401);
        }
        // the address is refused for guesses and for logins not checked lately ...
        TestMember other = createMember("idle", "team");
        assertThat(shared.get("/api/me", "Authorization", FromAddress.basic(other.id(), other.password())).status())
                .isEqualTo(429);
        // ... but the client whose password was checked moments ago checks none now: its calls go on
        assertThat(shared.get("/api/me", "Authorization", ownerAuth).status()).isEqualTo(200);
    }

    @Test
    void aForgedForwardedForDoesNotDodgeTheThrottle() {
        // Not behind a proxy it trusts (the default: server.forward-headers-strategy unset), X-Forwarded-For is only
        // the client's claim: ten failures claiming ten addresses use up the one address they came from. (Behind
        // nginx, where the header is trusted, ComposeEnvironmentIT shows two clients throttled apart.)
        TestMember member = createMember("forger", "team");
        var client = from("127.0.6.1");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(client.get("/api/me", "Authorization", FromAddress.basic(member.id(), "guess" + i),
                    "X-Forwarded-For", "203.0.113." + (i + 1)).status()).isEqualTo(401);
        }
        var refused = client.get("/api/me", "Authorization", FromAddress.basic(member.id(), member.password()),
                "X-Forwarded-For", "203.0.113.99", "Forwarded", "for=203.0.113.99");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(from("127.0.6.2").get("/api/me", "Authorization", FromAddress.basic(member.id(), member.password()))
                .status()).isEqualTo(200);
    }

    @Test
    void guessingOneAccountFromManyAddressesIsThrottledButTheOwnerAtHomeGetsIn() {
        TestMember owner = createMember("target", "team");
        String ownerAuth = FromAddress.basic(owner.id(), owner.password());
        var home = from("127.0.3.1");
        assertThat(home.get("/api/me", "Authorization", ownerAuth).status()).isEqualTo(200);
        // 3 addresses x 7 wrong passwords: more than the account's 20, each address under its own 10
        for (String address : List.of("127.0.3.11", "127.0.3.12", "127.0.3.13")) {
            for (int i = 0; i < 7; i++) {
                from(address).get("/engine-rest/user/" + owner.id() + "/profile", "Authorization",
                        FromAddress.basic(owner.id(), "guess" + i));
            }
        }
        var fresh = from("127.0.3.14").get("/api/me", "Authorization", FromAddress.basic(owner.id(), "guess-fresh"));
        assertThat(fresh.status()).isEqualTo(429);
        assertThat(fresh.header("Retry-After")).isPresent();
        // From where the owner logged in before, the right password still works.
        assertThat(home.get("/api/me", "Authorization", ownerAuth).status()).isEqualTo(200);
        assertThat(identity.checkPassword(owner.id(), owner.password())).isTrue();
    }

    @Test
    void theLoginFormAndEngineRestAreThrottledToo() {
        TestMember member = createMember("formy", "team");
        var form = from("127.0.4.1");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(formLogin(form, member.id(), "wrong" + i).header("Location").orElse(""))
                    .contains("/login?error");
        }
        var refused = formLogin(form, member.id(), member.password());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();

        var engine = from("127.0.4.2");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(engine.get("/engine-rest/process-definition", "Authorization",
                    FromAddress.basic(member.id(), "wrong" + i)).status()).isEqualTo(401);
        }
        assertThat(engine.get("/engine-rest/process-definition", "Authorization",
                FromAddress.basic(member.id(), "wrong")).status()).isEqualTo(429);
        assertThat(formLogin(from("127.0.4.3"), member.id(), member.password()).header("Location").orElse(""))
                .doesNotContain("error");
    }

    @Test
    void camundasOwnLoginIsThrottledPerAddress() {
        // Camunda's guard is off, so its webapps' login (Cockpit, Admin) counts failures here too.
        TestMember member = createMember("cockpit", "team");
        var client = from("127.0.5.1");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(camundaLogin(client, member.id(), "wrong" + i).status()).isEqualTo(401);
        }
        var refused = camundaLogin(client, member.id(), member.password());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(camundaLogin(from("127.0.5.2"), member.id(), member.password()).status()).isEqualTo(200);
    }

    /** Camunda's webapp login: its page gives the session cookie and the CSRF token, then the login form. */
    private static FromAddress.Response camundaLogin(FromAddress client, String user, String password) {
        // Cockpit pages now send a stranger to Crosspost's login (single sign-on); the API still hands out the token
        var page = client.get("/camunda/api/engine/engine/", "Accept", "application/json");
        String token = page.header("X-XSRF-TOKEN").orElseThrow();
        String cookies = String.join("; ", page.headers().getOrDefault("set-cookie", List.of()).stream()
                .map(c -> c.split(";")[0]).toList());
        return client.send("POST", "/camunda/api/admin/auth/user/default/login/welcome",
                "username=" + enc(user) + "&password=" + enc(password), "Content-Type",
                "application/x-www-form-urlencoded", "X-XSRF-TOKEN", token, "Cookie", cookies);
    }

    /** The login form as a browser sends it: the page (session cookie, CSRF field), then the form. */
    private static FromAddress.Response formLogin(FromAddress client, String user, String password) {
        var page = client.get("/login", "Accept", "text/html");
        String cookie = page.header("Set-Cookie").orElseThrow().split(";")[0];
        var csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        return client.send("POST", "/login", body, "Content-Type", "application/x-www-form-urlencoded",
                "Cookie", cookie);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

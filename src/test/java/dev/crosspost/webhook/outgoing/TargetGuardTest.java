package dev.crosspost.webhook.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crosspost.refusal.Invalid;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard with a resolver of the test's own: names resolve to what the test says, and nothing connects
 * anywhere (an address literal is parsed, never looked up).
 */
class TargetGuardTest {

    private final List<String> looked = new ArrayList<>();
    private final Map<String, String[]> names = Map.of(
            "localhost", new String[] {"127.0.0.1", "::1"},
            "rebound.example.org", new String[] {"93.184.215.14", "10.0.0.1"},
            "metadata.example.org", new String[] {"169.254.169.254"},
            "six.example.org", new String[] {"::1"},
            "chat.example.org", new String[] {"93.184.215.14"},
            "mattermost.corp", new String[] {"10.1.2.3"});

    private TargetGuard guard(String... allowed) {
        return new TargetGuard(List.of(allowed), host -> {
            looked.add(host);
            String[] addresses = names.get(host);
            if (addresses == null) {
                if (host.matches("[0-9.]+|[0-9a-f:]+")) {
                    return new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, no lookup
                }
                throw new UnknownHostException(host);
            }
            List<InetAddress> all = new ArrayList<>();
            for (String a : addresses) {
                all.add(InetAddress.getByName(a));
            }
            return all.toArray(InetAddress[]::new);
        });
    }

    @Test
    void loopbackPrivateLinkLocalAndTheirNamesAreRefusedOnSave() {
        TargetGuard guard = guard();
        assertThatThrownBy(() -> guard.check("http://127.0.0.1:8080/hook")).isInstanceOf(Invalid.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("http://10.0.0.1/hook")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.check("http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.check("http://[::1]:9000/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("http://localhost:9000/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("https://metadata.example.org/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.check("https://six.example.org/")).hasMessageContaining("loopback");
        // one inside address among public ones is enough to refuse
        assertThatThrownBy(() -> guard.check("https://rebound.example.org/")).hasMessageContaining("10.0.0.1");
        assertThat(guard.check("https://chat.example.org/hooks/abc")).isEqualTo("chat.example.org");
    }

    @Test
    void otherAddressesThatAreNotOnTheInternetAreRefusedToo() throws Exception {
        for (String address : List.of("0.0.0.0", "100.64.1.1", "192.168.1.1", "172.16.0.1", "224.0.0.1",
                "255.255.255.255", "fc00::1", "fe80::1", "::", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1",
                "ff02::1")) {
            assertThat(TargetGuard.notPublic(InetAddress.getByName(address))).as(address).isNotNull();
        }
        for (String address : List.of("93.184.215.14", "8.8.8.8", "2606:4700::1111")) {
            assertThat(TargetGuard.notPublic(InetAddress.getByName(address))).as(address).isNull();
        }
    }

    @Test
    void aSendResolvesAgainAndAHostThatNowPointsInsideIsRefused() {
        TargetGuard guard = guard();
        assertThatThrownBy(() -> guard.resolve("rebound.example.org")).isInstanceOf(TargetGuard.Refused.class);
        assertThat(looked).containsExactly("rebound.example.org");
    }

    @Test
    void namedHostsMayBePrivateAsWrittenNotByWhatTheyResolveTo() throws Exception {
        TargetGuard guard = guard("mattermost.corp", "127.0.0.1");
        assertThat(guard.check("https://mattermost.corp/hooks/x")).isEqualTo("mattermost.corp");
        assertThat(guard.resolve("127.0.0.1")).hasSize(1);
        // localhost resolves to an allowed address, but is not itself named
        assertThatThrownBy(() -> guard.check("http://localhost:1/")).isInstanceOf(Invalid.class);
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAreTaken() {
        TargetGuard guard = guard();
        assertThatThrownBy(() -> guard.check("ftp://chat.example.org/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> guard.check("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> guard.check("https:///nohost")).hasMessageContaining("no host");
        assertThatThrownBy(() -> guard.check("https://unknown.example.org/")).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> guard.check("not a url")).isInstanceOf(Invalid.class);
    }
}

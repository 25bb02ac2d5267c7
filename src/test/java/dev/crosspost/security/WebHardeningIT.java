package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Headers of Crosspost's pages, CSP in a real browser, CSRF and Origin checks, the Basic challenge for API clients
 * (not for the pages' scripts), stateless Basic calls, and the API's error body for refusals before a controller.
 */
class WebHardeningIT extends AbstractIT {

    private static final String EVIL = "https://evil.example";

    @Test
    void pagesCarryCspAndReferrerPolicyAndTheSessionCookieIsSameSiteLax() {
        var login = anonymous().send(anonymous().request("/login").setHeader("Accept", "text/html").GET());
        var headers = login.raw().headers();
        assertThat(headers.firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .contains("object-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
        assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("script-src 'self' '");
        assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(headers.allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void anInjectedInlineScriptDoesNotRunWhileThePagesOwnScriptsDo() {
        TestMember member = createMember("csp", "team");
        try (Browser browser = new Browser()) {
            var driver = browser.driver();
            browser.login(port, member.id(), member.password());
            driver.get("http://127.0.0.1:" + port + "/csp-probe.html");
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("external")).getText()
                    .equals("external script ran"));
            assertThat(driver.findElement(By.id("inline")).getText()).isEqualTo("inline script did not run");
            assertThat(driver.getTitle()).isNotEqualTo("inline handler ran");
            assertThat(browser.consoleCspViolations()).as("the console reports what the policy blocked").isNotEmpty();

            // Crosspost's own pages work under the policy (their scripts are files now).
            driver.get("http://127.0.0.1:" + port + "/shoutbox/team");
            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> driver.findElement(By.id("title"))
                    .getText().equals("shoutbox:team"));
        }
    }

    @Test
    void aBasicHeaderFromAnotherSitesPageNeedsTheCsrfTokenAnApiClientDoesNot() {
        TestMember member = createMember("basic", "team");
        String shouts = "/api/shoutboxes/team/shouts";
        var forged = as(member).post(shouts, Api.json(Map.of("text", "forged")), "Origin", EVIL);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("message").asText()).contains("CSRF");
        var fetched = as(member).post(shouts, Api.json(Map.of("text", "forged")), "Sec-Fetch-Site", "cross-site");
        assertThat(fetched.status()).isEqualTo(403);
        assertThat(as(member).post(shouts, Api.json(Map.of("text", "from curl"))).status()).isEqualTo(201);
    }

    @Test
    void aCrossSiteDeployToEngineRestIsRefusedModelersDeployWorks() {
        String processId = unique("probe").replace("-", "_");
        var forged = admin().send(deployment(processId).header("Origin", EVIL));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(admin().get("/engine-rest/process-definition?key=" + processId).json()).isEmpty();
        var fromBrowserTab = admin().send(deployment(processId).header("Sec-Fetch-Site", "cross-site"));
        assertThat(fromBrowserTab.status()).isEqualTo(403);

        var modeler = admin().send(deployment(processId)); // Modeler sends no browser Origin
        assertThat(modeler.status()).isEqualTo(200);
        assertThat(admin().get("/engine-rest/process-definition?key=" + processId).json()).hasSize(1);
        // Reading stays possible from anywhere (with credentials); only state changes are checked.
        assertThat(admin().send(admin().request("/engine-rest/process-definition?key=" + processId)
                .header("Origin", EVIL).GET()).status()).isEqualTo(200);
    }

    @Test
    void apiClientsGetTheBasicChallengeAScriptOnAPageDoesNot() {
        var anonymous = anonymous().get("/api/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"Crosspost\", charset=\"UTF-8\"");
        TestMember member = createMember("challenge", "team");
        var wrong = Api.as(port, member.id(), "wrong").get("/api/shoutboxes/team/shouts");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        // a page's fetch after its session ended: no challenge, so the browser shows no password dialog
        var page = anonymous().send(anonymous().request("/api/me", "Sec-Fetch-Mode", "cors",
                "Sec-Fetch-Site", "same-origin").GET());
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(page.json().get("message").asText()).contains("log in");
    }

    @Test
    void basicApiCallsAreStatelessAndARefusedCallMakesNoSession() {
        TestMember member = createMember("stateless", "team");
        var me = as(member).get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.raw().headers().allValues("Set-Cookie")).as("a Basic call creates no session").isEmpty();
        assertThat(me.json().get("csrf").isNull()).as("no session, so no CSRF token to send").isTrue();
        var posted = as(member).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", "stateless")));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(anonymous().get("/api/stories").raw().headers().allValues("Set-Cookie"))
                .as("an anonymous API call is not saved for after a login").isEmpty();
    }

    @Test
    void refusalsBeforeAControllerUseTheApisErrorBody() {
        TestMember member = createMember("media", "team");
        var plain = as(member).send(as(member).request("/api/shoutboxes/team/shouts")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(plain.json().fieldNames()).toIterable()
                .containsExactly("status", "error", "message", "path", "timestamp");
        var stream = as(member).get("/api/shoutboxes/team/stream"); // asks for JSON; the stream is text/event-stream
        assertThat(stream.status()).isEqualTo(406);
        assertThat(stream.json().fieldNames()).toIterable()
                .containsExactly("status", "error", "message", "path", "timestamp");
    }

    private HttpRequest.Builder deployment(String processId) {
        String boundary = "crosspost-test-boundary";
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="Start"/>
                  </process>
                </definitions>
                """.formatted(processId);
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                + processId + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
                + processId + ".bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--"
                + boundary + "--\r\n";
        return admin().request("/engine-rest/deployment/create")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
}

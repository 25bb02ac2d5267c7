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

/** Headers of Crosspost's pages, CSP in a real browser, CSRF and Origin checks, no Basic challenge. */
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
    void noBasicChallengeOnTheApi() {
        var anonymous = anonymous().get("/api/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
        TestMember member = createMember("challenge", "team");
        var wrong = Api.as(port, member.id(), "wrong").get("/api/shoutboxes/team/shouts");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
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

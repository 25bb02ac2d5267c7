package dev.crosspost.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.crosspost.support.Api;
import dev.crosspost.support.Browser;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outgoing hooks against a real HTTP receiver (WireMock on loopback, named in allowed-private-hosts): slack and json
 * bodies arrive once per message, the json signature checks with a plain HMAC; a receiver that fails three times
 * gets the message once, in order, and Retry-After is honoured; a 4xx fails at once; one that always fails becomes
 * an incident whose Retry sends it, and Cockpit's Messages tab shows the send. The queue is the test process
 * it-webhook-relay: a call of the incoming hook it-relay goes to the outgoing hook named in its username.
 */
class WebhookOutIT extends WebhookCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object FAILING = new Object();

    private static WireMockServer receiver;
    private static String relay;
    /** The always-failing send, started by the first test of the class so that its 60 s run beside the others. */
    private static String failingHook;
    private static String failingMessage;

    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void receiverAndRelay() {
        synchronized (FAILING) {
            if (receiver == null) {
                receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
                receiver.start();
            }
            if (relay == null) {
                relay = pathOf(recreateIncoming("it-relay", "text"));
            }
            if (failingHook == null) {
                failingHook = outgoing("down", "slack", 500).path("name").asText();
                failingMessage = relay(failingHook, unique("never"));
            }
        }
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop();
            receiver = null;
        }
        relay = null;
        failingHook = null;
    }

    @Test
    void aSlackHookGetsTheTextOnce() throws Exception {
        String hook = outgoing("slack", "slack", 200).path("name").asText();
        String text = unique("hello slack");
        String messageId = relay(hook, text);

        // a SENT send is never tried again: what the receiver logged by then is all it gets
        await().atMost(DELIVERY).until(() -> "SENT".equals(outbox("status", messageId, hook)));
        assertThat(requests(hook)).hasSize(1);
        LoggedRequest request = requests(hook).get(0);
        assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(JSON.readTree(Api.json(Map.of("text", text))));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("X-Crosspost-Signature")).isNull();
    }

    @Test
    void aJsonHookGetsTheSignedEnvelopeOnce() throws Exception {
        JsonNode created = outgoing("json", "json", 200);
        String hook = created.path("name").asText();
        String secret = created.path("secret").asText();
        assertThat(secret).hasSize(43);
        assertThat(admin().get("/api/hooks/outgoing/" + hook).body()).doesNotContain(secret);
        String text = unique("hello json");
        String messageId = relay(hook, text);

        await().atMost(DELIVERY).until(() -> "SENT".equals(outbox("status", messageId, hook)));
        assertThat(requests(hook)).hasSize(1);
        LoggedRequest request = requests(hook).get(0);
        String signature = request.getHeader("X-Crosspost-Signature");
        assertThat(signature).matches("t=\\d+,sha256=[0-9a-f]{64}");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(120);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(signature).endsWith("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.getBody())));

        JsonNode envelope = JSON.readTree(request.getBody());
        assertThat(envelope.path("messageId").asText()).isEqualTo(messageId);
        assertThat(envelope.path("id").asText()).isEqualTo(request.getHeader("X-Crosspost-Delivery"));
        assertThat(envelope.path("channel").asText()).isEqualTo("webhook:it-relay");
        assertThat(envelope.path("target").asText()).isEqualTo("webhook:" + hook);
        assertThat(envelope.path("text").asText()).isEqualTo(text);
        assertThat(envelope.at("/sender/id").asText()).isEqualTo("webhook:it-relay");
        assertThat(envelope.at("/attributes/preset").asText()).isEqualTo("text");
        assertThat(envelope.at("/attributes/username").asText()).isEqualTo(hook);
        assertThat(Instant.parse(envelope.path("time").asText())).isBefore(Instant.now());
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsEachMessageOnceInOrderAndIsLeftAloneAsLongAsItAsks() throws Exception {
        String hook = outgoing("flaky", "slack", 200).path("name").asText();
        String path = "/" + hook;
        String scenario = "flaky-" + hook;
        receiver.stubFor(post(urlEqualTo(path)).atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("500a"));
        receiver.stubFor(post(urlEqualTo(path)).atPriority(1).inScenario(scenario).whenScenarioStateIs("500a")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("500b"));
        receiver.stubFor(post(urlEqualTo(path)).atPriority(1).inScenario(scenario).whenScenarioStateIs("500b")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        String first = unique("first");
        String second = unique("second");
        String firstId = relay(hook, first);
        String secondId = relay(hook, second);

        await().atMost(DELIVERY).until(() -> "SENT".equals(outbox("status", secondId, hook)));
        assertThat(requests(hook)).hasSize(5);
        List<LoggedRequest> all = requests(hook);
        List<String> texts = all.stream().map(r -> text(r)).toList();
        assertThat(texts).containsExactly(first, first, first, first, second);
        assertThat(Duration.between(all.get(0).getLoggedDate().toInstant(), all.get(1).getLoggedDate().toInstant()))
                .as("Retry-After: 2 on the 429").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(all.stream().map(r -> r.getHeader("X-Crosspost-Delivery")).distinct()).hasSize(2);
        await().atMost(DELIVERY).until(() -> "SENT".equals(outbox("status", firstId, hook)));
        assertThat(outbox("attempts", firstId, hook)).isEqualTo("3");
    }

    @Test
    void aReceiverThatRefusesWithA4xxFailsAtOnceWithoutAnIncident() {
        String hook = outgoing("gone", "slack", 410).path("name").asText();
        String messageId = relay(hook, unique("gone"));

        await().atMost(DELIVERY).until(() -> "FAILED".equals(outbox("status", messageId, hook)));
        assertThat(requests(hook)).hasSize(1);
        assertThat(outbox("last_error", messageId, hook)).contains("410");
        assertThat(incident(messageId)).isNull();
    }

    @Test
    void aReceiverThatAlwaysFailsIsAnIncidentWhoseRetrySendsTheMessageOnce() {
        await().atMost(Duration.ofSeconds(150)).until(() -> incident(failingMessage) != null);
        assertThat(outbox("status", failingMessage, failingHook)).isEqualTo("FAILED");
        assertThat(outbox("last_error", failingMessage, failingHook)).contains("500");
        JsonNode send = cockpitSend(failingMessage);
        assertThat(send.path("outcome").asText()).isEqualTo("failed");
        assertThat(send.path("incidentFlowId").asText()).isNotBlank();
        int failedCalls = requests(failingHook).size();
        assertThat(failedCalls).isGreaterThan(3);

        receiver.stubFor(post(urlEqualTo("/" + failingHook)).atPriority(1).willReturn(aResponse().withStatus(200)));
        Incident incident = incident(failingMessage);
        Api.Response retry = admin().put("/engine-rest/job/" + incident.getConfiguration() + "/retries",
                Api.json(Map.of("retries", 1)));
        assertThat(retry.status()).as(retry.body()).isEqualTo(204);

        await().atMost(DELIVERY).until(() -> "SENT".equals(outbox("status", failingMessage, failingHook)));
        assertThat(requests(failingHook)).hasSize(failedCalls + 1);
        assertThat(cockpitSend(failingMessage).path("outcome").asText()).isEqualTo("sent");
        // the admins' page lists the send with its outcome
        JsonNode listed = admin().get("/api/hooks/outgoing/" + failingHook).json();
        assertThat(listed.path("sends").get(0).path("status").asText()).isEqualTo("SENT");
        assertThat(listed.path("sends").get(0).path("messageId").asText()).isEqualTo(failingMessage);
    }

    @Test
    void theHooksPageShowsAReceiversAnswerAsTextNeverAsMarkup() {
        String hook = unique("page");
        String markup = "<img id=\"injected\" src=\"x\"> refused";
        receiver.stubFor(post(urlEqualTo("/" + hook)).atPriority(5).willReturn(aResponse().withStatus(400)
                .withBody(markup)));
        assertThat(admin().post("/api/hooks/outgoing", Api.json(Map.of("name", hook,
                "url", "http://127.0.0.1:" + receiver.port() + "/" + hook, "format", "slack"))).status()).isEqualTo(201);
        String messageId = relay(hook, unique("to the page"));
        await().atMost(DELIVERY).until(() -> "FAILED".equals(outbox("status", messageId, hook)));

        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, ADMIN, ADMIN_PASSWORD);
            driver.get("http://127.0.0.1:" + port + "/hooks");
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElement(By.id("out-rows")).getText().contains("webhook:" + hook));
            assertThat(driver.findElement(By.id("out-rows")).getText()).contains(markup);
            assertThat(driver.findElements(By.id("injected"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector("main[aria-labelledby], nav[aria-label], "
                    + "section[aria-labelledby]"))).hasSizeGreaterThanOrEqualTo(4);
            assertThat(browser.consoleCspViolations()).as("/hooks: blocked by the CSP").isEmpty();
            browser.screenshot("hooks-1280");
        }
    }

    /** An outgoing hook to a path of its own on the receiver, which answers {@code status}. */
    private JsonNode outgoing(String prefix, String format, int status) {
        String name = unique(prefix);
        receiver.stubFor(post(urlEqualTo("/" + name)).atPriority(5).willReturn(aResponse().withStatus(status)
                .withBody(status == 200 ? "ok" : "no")));
        Api.Response created = admin().post("/api/hooks/outgoing", Api.json(Map.of("name", name,
                "url", "http://127.0.0.1:" + receiver.port() + "/" + name, "format", format)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("target").asText()).isEqualTo("webhook:" + name);
        assertThat(created.json().path("secret").isNull() || created.json().path("secret").isMissingNode())
                .isEqualTo(format.equals("slack"));
        return created.json();
    }

    /** Calls the incoming hook it-relay; its queue sends {@code text} to the outgoing hook {@code hook}. */
    private String relay(String hook, String text) {
        Api.Response answer = callJson(relay, Api.json(Map.of("text", text, "username", hook)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("messageId").asText();
    }

    private static List<LoggedRequest> requests(String hook) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/" + hook)));
    }

    private static String text(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBody()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String outbox(String column, String messageId, String hook) {
        return jdbc.sql("select " + column + " from crosspost.outbox where message_id = ? and target = ?")
                .params(messageId, "webhook:" + hook).query(String.class).optional().orElse(null);
    }

    private JsonNode cockpitSend(String messageId) {
        for (JsonNode send : admin().get("/api/cockpit/sends?messageIds=" + messageId).json()) {
            if (send.path("target").asText().startsWith("webhook:")) {
                return send;
            }
        }
        throw new AssertionError("no webhook send of message " + messageId + " in the Messages tab's data");
    }

    private Incident incident(String messageId) {
        return runtime.createIncidentQuery().processDefinitionKeyIn("delivery-failed").list().stream()
                .filter(i -> messageId.equals(runtime.createProcessInstanceQuery()
                        .processInstanceId(i.getProcessInstanceId()).singleResult().getBusinessKey()))
                .findFirst().orElse(null);
    }
}

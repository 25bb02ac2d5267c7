package dev.crosspost.subscription;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.crosspost.support.TestServers;

/** Per-number answers of the WireMock SMS gateway (other numbers get the default 201). */
final class GatewayStubs {

    private GatewayStubs() {
    }

    static void failOnceThenSucceed(String phone) {
        String scenario = "flaky-" + phone;
        TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).atPriority(1)
                .withRequestBody(containing(to(phone)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"internal error\"}")));
        TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).atPriority(1)
                .withRequestBody(containing(to(phone)))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SMok\"}")));
    }

    /** The gateway is down for {@code phone} (503) until {@link #up} removes the answer returned here. */
    static StubMapping down(String phone) {
        return TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).atPriority(1)
                .withRequestBody(containing(to(phone)))
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"service unavailable\"}")));
    }

    static void up(StubMapping outage) {
        TestServers.sms().removeStub(outage);
    }

    static void refuse(String phone) {
        TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).atPriority(1)
                .withRequestBody(containing(to(phone)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}")));
    }

    /** How many sends to {@code phone} the gateway accepted (answered 2xx). */
    static long delivered(String phone) {
        return TestServers.sms().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(to(phone)))
                .filter(e -> e.getResponse().getStatus() / 100 == 2)
                .count();
    }

    private static String to(String phone) {
        return "To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
    }
}

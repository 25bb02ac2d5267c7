package dev.crosspost.webhook.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final OutgoingMessage MESSAGE = new OutgoingMessage("o-1", "m-1",
            ChannelAddress.parse("shoutbox:team"), "alice", "Alice A", "[team] Alice A: hello");

    @Test
    void slackIsJustTheText() throws Exception {
        var body = new ObjectMapper().readTree(Payloads.slack(MESSAGE));
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.path("text").asText()).isEqualTo("[team] Alice A: hello");
    }

    @Test
    void theEnvelopeCarriesTheMessageAndItsSignatureChecksWithAPlainHmac() throws Exception {
        byte[] body = Payloads.envelope(ChannelAddress.parse("webhook:mm"), MESSAGE, Map.of("kind", "x"),
                Instant.parse("2026-01-01T10:00:00Z"));
        var json = new ObjectMapper().readTree(body);
        assertThat(json.path("id").asText()).isEqualTo("o-1");
        assertThat(json.path("messageId").asText()).isEqualTo("m-1");
        assertThat(json.path("channel").asText()).isEqualTo("shoutbox:team");
        assertThat(json.path("target").asText()).isEqualTo("webhook:mm");
        assertThat(json.at("/sender/id").asText()).isEqualTo("alice");
        assertThat(json.at("/sender/name").asText()).isEqualTo("Alice A");
        assertThat(json.at("/attributes/kind").asText()).isEqualTo("x");
        assertThat(json.path("time").asText()).isEqualTo("2026-01-01T10:00:00Z");

        String header = Payloads.signature("shh", 1767261600L, body);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("shh".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("1767261600.".getBytes(StandardCharsets.UTF_8));
        assertThat(header).isEqualTo("t=1767261600,sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADateAndKeptWithinAnHour() {
        assertThat(WebhookOutbound.retryAfter(new BasicHeader("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(WebhookOutbound.retryAfter(new BasicHeader("Retry-After", "86400"))).isEqualTo(Duration.ofHours(1));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(60)
                .atZone(ZoneOffset.UTC));
        assertThat(WebhookOutbound.retryAfter(new BasicHeader("Retry-After", inAMinute)))
                .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        assertThat(WebhookOutbound.retryAfter(new BasicHeader("Retry-After", "soon"))).isNull();
        assertThat(WebhookOutbound.retryAfter(null)).isNull();
    }

    @Test
    void aListedUrlKeepsItsOriginOnly() {
        assertThat(OutgoingHooks.redacted("https://hooks.slack.com/services/T0/B0/XXXX")).isEqualTo("https://hooks.slack.com/…");
        assertThat(OutgoingHooks.redacted("https://user:pw@chat.example.org:8443/hooks?token=x"))
                .isEqualTo("https://chat.example.org:8443/…");
        assertThat(OutgoingHooks.redacted("http://127.0.0.1:9")).isEqualTo("http://127.0.0.1:9/");
    }
}

package dev.crosspost.webhook.outgoing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.SenderName;
import dev.crosspost.webhook.Secrets;

/**
 * What an outgoing hook POSTs. {@code slack}: {@code {"text": "..."}}, which Slack, Mattermost, Rocket.Chat and
 * Discord's Slack-compatible endpoint take. {@code json}: Crosspost's envelope (docs/webhooks.md), signed with
 * {@code X-Crosspost-Signature: t=<unix seconds>,sha256=<HMAC-SHA256 hex of "<t>.<body>">}, so a receiver checks
 * who sent it and refuses an old one replayed.
 */
final class Payloads {

    static final String SLACK = "slack";
    static final String JSON_FORMAT = "json";
    static final String SIGNATURE_HEADER = "X-Crosspost-Signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static byte[] slack(OutgoingMessage message) {
        return write(Map.of("text", message.text()));
    }

    /** The envelope: the send's id, the message it carries, where it came from and where it goes. */
    static byte[] envelope(ChannelAddress target, OutgoingMessage m, Map<String, String> attributes, Instant time) {
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("id", m.sender());
        sender.put("name", SenderName.of(m.sender(), m.senderName()));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", m.id());
        envelope.put("messageId", m.messageId());
        envelope.put("channel", m.originChannel() == null ? null : m.originChannel().toString());
        envelope.put("target", target.toString());
        envelope.put("sender", sender);
        envelope.put("text", m.text());
        envelope.put("attributes", attributes);
        envelope.put("time", time.toString());
        return write(envelope);
    }

    /** The signature header's value for {@code body} sent at {@code unixSeconds}. */
    static String signature(String secret, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + unixSeconds + ",sha256=" + Secrets.hmacHex(secret, signed);
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}

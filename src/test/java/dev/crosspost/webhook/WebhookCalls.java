package dev.crosspost.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Api;
import dev.crosspost.xmpp.XmppITSupport;

/** What the webhook ITs share: hooks made through the admin API, and calls as curl would make them. */
abstract class WebhookCalls extends XmppITSupport {

    /** Deletes the incoming hook {@code name} if it is there (the database outlives a run), and creates it anew. */
    protected JsonNode recreateIncoming(String name, String preset) {
        admin().delete("/api/hooks/incoming/" + name);
        Api.Response created = admin().post("/api/hooks/incoming", Api.json(Map.of("name", name, "preset", preset)));
        if (created.status() != 201) {
            throw new AssertionError("creating hook " + name + ": " + created.status() + " " + created.body());
        }
        return created.json();
    }

    /** The path of a hook's secret URL (the URL names crosspost.base-url, not the test's port). */
    protected static String pathOf(JsonNode created) {
        return URI.create(created.path("url").asText()).getPath();
    }

    /** A POST as another system sends it: raw body, the given content type (none if null), extra headers. */
    protected Api.Response call(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = anonymous().request(path, headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return anonymous().send(request);
    }

    protected Api.Response callJson(String path, String json, String... headers) {
        return call(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** GitHub's signature header value, computed here with the JDK alone. */
    protected static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** How many messages the Inbox kept on a channel. */
    protected long messagesOn(String channel) {
        return jdbc.sql("select count(*) from crosspost.messages where channel = ?").param(channel)
                .query(Long.class).single();
    }
}

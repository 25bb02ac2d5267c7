package dev.crosspost.webhook.outgoing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.crosspost.message.BlockingPort;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.DeliveryRefused;
import dev.crosspost.message.MessageLog;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.webhook.Hook;
import dev.crosspost.webhook.HookName;
import dev.crosspost.webhook.HookStore;
import dev.crosspost.webhook.SecretBox;
import dev.crosspost.webhook.WebhookProperties;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code webhook:<name>}, an admin's outgoing hook: one POST of its format ({@link Payloads}) to its URL,
 * with {@code X-Crosspost-Delivery: <the send's stable id>} so a receiver can drop a repeat. Through the outbox like
 * every send: in order per hook, one at a time. Timeouts, 5xx and 429 are outages, retried with back-off (at least
 * as long as {@code Retry-After} asks, up to an hour) until they become an incident; a redirect or another 4xx is a
 * refusal for good (the send fails at once, with the status in Cockpit's Messages tab). Only public addresses are
 * reached ({@link TargetGuard}), redirects are never followed, and logs and errors name the host, never the URL (a
 * Slack or Mattermost URL is itself a credential).
 */
@Component
class WebhookOutbound extends BlockingPort implements DisposableBean {

    static final String URL = "url";
    static final String SECRET = "signing-secret";
    private static final Duration MOST_RETRY_AFTER = Duration.ofHours(1);
    private static final int ANSWER_SHOWN = 300;

    private final HookStore hooks;
    private final SecretBox box;
    private final MessageLog messages;
    private final WebhookProperties properties;
    private final TargetGuard guard;
    private final CloseableHttpClient http;

    WebhookOutbound(HookStore hooks, SecretBox box, MessageLog messages, WebhookProperties properties) {
        this.hooks = hooks;
        this.box = box;
        this.messages = messages;
        this.properties = properties;
        this.guard = TargetGuard.system(properties.allowedPrivateHosts());
        Timeout connect = Timeout.ofMilliseconds(properties.connectTimeout().toMillis());
        Timeout read = Timeout.ofMilliseconds(properties.readTimeout().toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard) // every connection goes to addresses the guard let through
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(read)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries() // the outbox retries, in order, and counts the attempts
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Crosspost-Webhook")
                .build();
    }

    @Override
    public String kind() {
        return HookName.KIND;
    }

    @Override
    public String unavailableReason() {
        return properties.enabled() ? null : "webhooks are switched off (crosspost.webhooks.enabled=false)";
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
        Hook hook = hooks.find(target.name()).orElseThrow(() ->
                new IllegalArgumentException("no outgoing hook '" + target.name() + "' (deleted, or never created)"));
        if (!hook.outgoing()) {
            throw new IllegalArgumentException(target + " is an incoming hook: a queue sends to outgoing hooks only");
        }
        byte[] body = Payloads.JSON_FORMAT.equals(hook.format())
                ? Payloads.envelope(target, message, messages.attributes(message.messageId()),
                        messages.receivedAt(message.messageId()).orElse(Instant.now()))
                : Payloads.slack(message);
        HttpPost post = new HttpPost(box.open(hook.name(), URL, hook.url()));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        post.setHeader("X-Crosspost-Delivery", message.id());
        if (hook.secret() != null) {
            post.setHeader(Payloads.SIGNATURE_HEADER, Payloads.signature(box.open(hook.name(), SECRET, hook.secret()),
                    Instant.now().getEpochSecond(), body));
        }
        Answer answer;
        try {
            guard.resolve(post.getAuthority().getHostName()); // refused here even if the client had an address
            answer = http.execute(post, response -> new Answer(response.getCode(),
                    response.getFirstHeader("Retry-After"), shown(response.getEntity() == null ? null
                    : response.getEntity().getContent())));
        } catch (TargetGuard.Refused refused) {
            throw new DeliveryRefused(target + ": " + refused.getMessage());
        } catch (IOException e) {
            throw new ChannelOutage(target + " (" + hook.host() + ") did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        judge(target, hook, answer);
    }

    private static void judge(ChannelAddress target, Hook hook, Answer a) {
        String what = target + " (" + hook.host() + ") answered " + a.status() + (a.body().isEmpty() ? ""
                : ": " + a.body());
        if (a.status() >= 200 && a.status() < 300) {
            return;
        }
        if (a.status() == 429 || a.status() == 408 || a.status() >= 500) {
            throw new ChannelOutage(what, null, retryAfter(a.retryAfter()));
        }
        throw new DeliveryRefused(a.status() >= 300 && a.status() < 400
                ? what + " (a redirect: not followed; give the hook its final URL)" : what);
    }

    /** {@code Retry-After} in seconds or as an HTTP date, at most an hour; {@code null} when absent or unreadable. */
    static Duration retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().strip();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(Instant.now(), ZonedDateTime.parse(value,
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MOST_RETRY_AFTER) > 0 ? MOST_RETRY_AFTER : wait;
    }

    /** The start of an answer's body, on one line, for the send's last error. */
    private static String shown(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(ANSWER_SHOWN), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        }
    }

    private record Answer(int status, Header retryAfter, String body) {
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}

package dev.crosspost.webhook.incoming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.message.Acceptance;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import dev.crosspost.refusal.TooMany;
import dev.crosspost.util.BucketStore;
import dev.crosspost.util.TokenBuckets;
import dev.crosspost.web.SiteProperties;
import dev.crosspost.webhook.Hook;
import dev.crosspost.webhook.HookName;
import dev.crosspost.webhook.HookStore;
import dev.crosspost.webhook.SecretBox;
import dev.crosspost.webhook.Secrets;
import dev.crosspost.webhook.WebhookProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;

/**
 * Incoming hooks: created, rotated and deleted by admins; a call proves it holds the hook's secret, by its URL
 * token (compared as hashes, in constant time) or by GitHub's signature of the raw body; then a preset reads the
 * payload and the Inbox takes the message on the channel {@code webhook:<name>}.
 */
@Service
class IncomingHooks {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final String SIGNATURE_PREFIX = "sha256=";
    private static final String SECRET = "hmac-secret";
    private static final List<String> PRESETS = List.of("text", "github", "alertmanager");

    /** What creation and rotation show, once: the URL with its token, and the HMAC secret. */
    @Schema(name = "IncomingHookCreated")
    record Created(String name, String preset, String channel, String url, String secret) {
    }

    /** A hook as the list shows it: nothing of its secrets, and its last calls. */
    @Schema(name = "IncomingHook")
    record Listed(String name, String preset, String channel, Instant createdAt, @Nullable Instant rotatedAt,
                  List<HookCalls.Call> calls) {
    }

    private final HookStore store;
    private final SecretBox box;
    private final HookCalls calls;
    private final Inbox inbox;
    private final SiteProperties site;
    private final TokenBuckets turns;

    IncomingHooks(HookStore store, SecretBox box, HookCalls calls, Inbox inbox, SiteProperties site,
                  WebhookProperties properties, BucketStore buckets) {
        this.store = store;
        this.box = box;
        this.calls = calls;
        this.inbox = inbox;
        this.site = site;
        // calls per hook: one count for the cluster on PostgreSQL, as the members' limits
        this.turns = buckets.buckets("webhook-calls", properties.rate());
    }

    Created create(String name, String preset) {
        HookName.checked(name);
        if (preset == null || !PRESETS.contains(preset)) {
            throw new Invalid("preset must be one of " + PRESETS + ", got '" + preset + "'");
        }
        String token = Secrets.generate();
        String secret = Secrets.generate();
        store.insert(new Hook(name, Hook.INCOMING, preset, Secrets.hash(token), box.seal(name, SECRET, secret), null,
                null, null, Instant.now(), null));
        calls.forget(name); // a name used before starts with an empty history
        return created(name, preset, token, secret);
    }

    /** New token and secret; the old ones stop working at once. */
    Created rotate(String name) {
        Hook hook = find(name);
        String token = Secrets.generate();
        String secret = Secrets.generate();
        if (!store.rotate(name, Hook.INCOMING, Secrets.hash(token), box.seal(name, SECRET, secret), Instant.now())) {
            throw notFound(name);
        }
        return created(name, hook.preset(), token, secret);
    }

    void delete(String name) {
        if (!store.delete(name, Hook.INCOMING)) {
            throw notFound(name);
        }
        calls.forget(name);
    }

    List<Listed> list() {
        return store.all(Hook.INCOMING).stream().map(this::listed).toList();
    }

    Listed get(String name) {
        return listed(find(name));
    }

    /** The hook whose URL token this is; an unknown hook and a wrong token are the same 404. */
    Hook byToken(String name, String token) {
        Hook hook = store.find(name).filter(Hook::incoming).orElseThrow(() -> notFound(name));
        if (token == null || !Secrets.sameInConstantTime(Secrets.hash(token), hook.tokenHash())) {
            calls.record(name, 404, null, "wrong URL token");
            throw notFound(name);
        }
        return hook;
    }

    /** The hook whose secret signed {@code body} ({@code X-Hub-Signature-256: sha256=<hex>}); 401 when it did not. */
    Hook bySignature(String name, byte[] body, String signature) {
        Hook hook = store.find(name).filter(Hook::incoming).orElseThrow(() -> notFound(name));
        if (signature == null || !signature.startsWith(SIGNATURE_PREFIX)) {
            calls.record(name, 401, null, "no signature");
            throw new HookRefused(401, "sign the body (" + SIGNATURE_HEADER + ": sha256=<HMAC-SHA256 hex>) or "
                    + "call the hook's secret URL");
        }
        String expected = Secrets.hmacHex(box.open(name, SECRET, hook.secret()), body);
        String given = signature.substring(SIGNATURE_PREFIX.length()).strip().toLowerCase(java.util.Locale.ROOT);
        if (!Secrets.sameInConstantTime(expected, given)) {
            calls.record(name, 401, null, "bad signature");
            throw new HookRefused(401, "the signature does not match the body under this hook's secret");
        }
        return hook;
    }

    /** One call's turn under the hook's rate limit, or 429 with when to come back. */
    void takeTurn(Hook hook) {
        Duration wait = turns.tryTake(hook.name());
        if (!wait.isZero()) {
            calls.record(hook.name(), 429, null, "over the rate limit");
            throw new TooMany("hook '" + hook.name() + "' takes no more calls for now (crosspost.webhooks.rate)", wait);
        }
    }

    Preset.Reading read(Hook hook, JsonNode payload, UnaryOperator<String> header) {
        Preset preset = switch (hook.preset()) {
            case "github" -> new GithubPreset();
            case "alertmanager" -> new AlertmanagerPreset();
            default -> new TextPreset(hook.name());
        };
        return preset.read(payload, header);
    }

    /** Hands the message to the Inbox; a repeated {@code deliveryId} is the first message again. */
    Acceptance accept(Hook hook, Preset.Reading reading, String deliveryId) {
        if (deliveryId != null && deliveryId.getBytes(StandardCharsets.UTF_8).length > 200) {
            throw new Invalid("X-GitHub-Delivery is longer than 200 bytes");
        }
        Map<String, String> attributes = new HashMap<>(reading.attributes());
        attributes.put("hook", hook.name());
        var message = new IncomingMessage(UUID.randomUUID().toString(), HookName.address(hook.name()), deliveryId,
                HookName.KIND + ":" + hook.name(), reading.senderName(), reading.text(), Instant.now(), null,
                attributes);
        Acceptance acceptance = inbox.accept(message);
        calls.record(hook.name(), 200, acceptance.messageId(), acceptance.duplicate() ? "duplicate delivery" : null);
        return acceptance;
    }

    /** A call answered 200 without a message (a GitHub ping). */
    void ignored(Hook hook, String why) {
        calls.record(hook.name(), 200, null, why);
    }

    /** A call refused after its hook was known (bad payload, too large). */
    void refused(Hook hook, int status, String why) {
        calls.record(hook.name(), status, null, why);
    }

    private Created created(String name, String preset, String token, String secret) {
        return new Created(name, preset, HookName.address(name).toString(), site.link("/hooks/" + name + "/" + token),
                secret);
    }

    private Listed listed(Hook h) {
        return new Listed(h.name(), h.preset(), HookName.address(h.name()).toString(), h.createdAt(), h.rotatedAt(),
                calls.last(h.name()));
    }

    private Hook find(String name) {
        return store.find(name).filter(Hook::incoming).orElseThrow(() -> notFound(name));
    }

    static NotFound notFound(String name) {
        return new NotFound("no incoming hook '" + name + "' (or not this URL)");
    }
}

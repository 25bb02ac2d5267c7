package dev.crosspost.webhook.outgoing;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
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
 * Outgoing hooks: an admin names a receiver's URL and a format; queues send to it as {@code webhook:<name>} (the
 * {@code redirect} task's target). A URL whose host is not public is refused when the hook is saved (and again on
 * every send, {@link TargetGuard}). A {@code json} hook gets a signing secret, shown once.
 */
@Service
class OutgoingHooks {

    private static final List<String> FORMATS = List.of(Payloads.SLACK, Payloads.JSON_FORMAT);

    /** What creation shows: the signing secret ({@code json} only) appears here once. */
    @Schema(name = "OutgoingHookCreated")
    record Created(String name, String format, String target, String url, @Nullable String secret) {
    }

    /** A hook as the list shows it, with its last sends. */
    @Schema(name = "OutgoingHook")
    record Listed(String name, String format, String target, String url, String host, Instant createdAt,
                  List<OutgoingSends.Send> sends) {
    }

    private final HookStore store;
    private final SecretBox box;
    private final OutgoingSends sends;
    private final TargetGuard guard;

    OutgoingHooks(HookStore store, SecretBox box, OutgoingSends sends, WebhookProperties properties) {
        this.store = store;
        this.box = box;
        this.sends = sends;
        this.guard = TargetGuard.system(properties.allowedPrivateHosts());
    }

    Created create(String name, String url, String format) {
        HookName.checked(name);
        if (format == null || !FORMATS.contains(format)) {
            throw new Invalid("format must be one of " + FORMATS + ", got '" + format + "'");
        }
        if (store.find(name).isPresent()) { // before the URL is resolved: a taken name is the answer, whatever the URL
            throw new Conflict("the name '" + name + "' is taken: hook names are channel addresses, one for both ways");
        }
        String host = guard.check(url);
        String secret = Payloads.JSON_FORMAT.equals(format) ? Secrets.generate() : null;
        store.insert(new Hook(name, Hook.OUTGOING, null, null,
                secret == null ? null : box.seal(name, WebhookOutbound.SECRET, secret), format,
                box.seal(name, WebhookOutbound.URL, url.strip()), host, Instant.now(), null));
        return new Created(name, format, HookName.address(name).toString(), url.strip(), secret);
    }

    List<Listed> list() {
        return store.all(Hook.OUTGOING).stream().map(this::listed).toList();
    }

    Listed get(String name) {
        return listed(store.find(name).filter(Hook::outgoing).orElseThrow(() -> notFound(name)));
    }

    void delete(String name) {
        if (!store.delete(name, Hook.OUTGOING)) {
            throw notFound(name);
        }
    }

    private Listed listed(Hook h) {
        String target = HookName.address(h.name()).toString();
        return new Listed(h.name(), h.format(), target, redacted(box.open(h.name(), WebhookOutbound.URL, h.url())),
                h.host(), h.createdAt(), sends.last(target));
    }

    /**
     * The URL without its path and query: {@code https://hooks.slack.com/…}. A chat tool's webhook URL is a
     * credential (its path is the token), shown in full only when the hook is created.
     */
    static String redacted(String url) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^[^@]*@", "");
        boolean more = uri.getRawPath() != null && uri.getRawPath().length() > 1 || uri.getRawQuery() != null;
        return origin + (more ? "/…" : "/");
    }

    private static NotFound notFound(String name) {
        return new NotFound("no outgoing hook '" + name + "'");
    }
}

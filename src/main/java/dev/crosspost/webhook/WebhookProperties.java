package dev.crosspost.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.crosspost.util.Rate;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.webhooks.*}.
 *
 * @param enabled             off: incoming hooks answer 404 and sends to {@code webhook:} targets are skipped
 * @param allowedPrivateHosts host names or addresses, as written in an outgoing hook's URL, that may resolve to a
 *                            loopback, private or link-local address (an on-premises Mattermost); empty: none
 * @param maxBodySize         the largest incoming body taken (413 above; {@code crosspost.web.max-body-size}
 *                            applies first)
 * @param rate                calls one incoming hook takes, per period (429 with Retry-After above)
 * @param connectTimeout      an outgoing hook's connect time-out
 * @param readTimeout         how long an outgoing hook's receiver may take to answer
 * @param secretKey           the key that seals HMAC and signing secrets and outgoing URLs in the database; the
 *                            default is public and only for trying Crosspost out (a warning at start on any
 *                            database but the embedded one)
 * @param callsKept           the last calls kept per incoming hook, for the /hooks page
 */
@Validated
@ConfigurationProperties("crosspost.webhooks")
public record WebhookProperties(@DefaultValue("true") boolean enabled,
                                List<String> allowedPrivateHosts,
                                @DefaultValue("256KB") DataSize maxBodySize,
                                Rate rate,
                                @DefaultValue("3s") Duration connectTimeout,
                                @DefaultValue("10s") Duration readTimeout,
                                @DefaultValue(DEV_SECRET_KEY) @Size(min = 16) String secretKey,
                                @DefaultValue("20") @Min(1) int callsKept) {

    /** The shipped key: fine on a laptop, known to everyone who read this file. */
    public static final String DEV_SECRET_KEY = "crosspost-development-key-set-crosspost.webhooks.secret-key";

    public WebhookProperties {
        allowedPrivateHosts = allowedPrivateHosts == null ? List.of()
                : allowedPrivateHosts.stream().filter(h -> h != null && !h.isBlank()).map(WebhookProperties::hostKey)
                        .toList();
        rate = rate == null ? new Rate(60, Duration.ofMinutes(1)) : rate;
    }

    /** A host as compared with {@link #allowedPrivateHosts}: lower case, IPv6 without brackets. */
    public static String hostKey(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}

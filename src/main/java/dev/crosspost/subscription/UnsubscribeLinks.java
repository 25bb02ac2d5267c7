package dev.crosspost.subscription;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.crosspost.web.SiteProperties;
import org.springframework.stereotype.Component;

/**
 * Signed one-click unsubscribe links: {@code /unsubscribe?s=<ids>&t=<HMAC-SHA256 over the ids>}. The link
 * names exactly the subscriptions it ends (one, or all in a digest); changing any character breaks it.
 */
@Component
class UnsubscribeLinks {

    private static final Pattern IDS = Pattern.compile("[A-Za-z0-9-]{1,64}(,[A-Za-z0-9-]{1,64}){0,99}");

    private final SubscriptionSecret secret;
    private final SiteProperties site;

    UnsubscribeLinks(SubscriptionSecret secret, SiteProperties site) {
        this.secret = secret;
        this.site = site;
    }

    String url(List<String> subscriptionIds) {
        String ids = String.join(",", subscriptionIds);
        return site.link("/unsubscribe?s=" + ids + "&t=" + sign(ids));
    }

    /** The subscription ids of a genuine link, or an empty list when it was forged or altered. */
    List<String> verify(String ids, String token) {
        if (ids == null || token == null || !IDS.matcher(ids).matches()) {
            return List.of();
        }
        boolean genuine = MessageDigest.isEqual(sign(ids).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
        return genuine ? List.of(ids.split(",")) : List.of();
    }

    private String sign(String ids) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(("unsubscribe:" + ids).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

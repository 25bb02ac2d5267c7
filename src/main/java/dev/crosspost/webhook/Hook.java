package dev.crosspost.webhook;

import java.time.Instant;

/**
 * A row of {@code crosspost.webhooks}, as stored: secrets sealed ({@link SecretBox}), the URL token only hashed.
 *
 * @param direction  {@link #INCOMING} or {@link #OUTGOING}
 * @param preset     incoming: {@code text}, {@code github} or {@code alertmanager}
 * @param tokenHash  incoming: the SHA-256 (hex) of the URL token
 * @param secret     the sealed HMAC secret (incoming) or signing secret (outgoing {@code json}); {@code null} for none
 * @param format     outgoing: {@code slack} or {@code json}
 * @param url        outgoing: the sealed URL
 * @param host       outgoing: the URL's host, to show and log instead of the URL
 */
public record Hook(String name, String direction, String preset, String tokenHash, String secret, String format,
                   String url, String host, Instant createdAt, Instant rotatedAt) {

    public static final String INCOMING = "incoming";
    public static final String OUTGOING = "outgoing";

    public boolean incoming() {
        return INCOMING.equals(direction);
    }

    public boolean outgoing() {
        return OUTGOING.equals(direction);
    }
}

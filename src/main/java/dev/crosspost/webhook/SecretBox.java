package dev.crosspost.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seals what must be readable again but not from a database dump alone: HMAC secrets, signing secrets, outgoing
 * URLs. AES-256-GCM under the SHA-256 of {@code crosspost.webhooks.secret-key}, a fresh 96-bit nonce per value, and
 * the hook's name and the field as associated data, so that a sealed value copied to another hook or field does not
 * open. Stored as {@code v1:<Base64 of nonce and ciphertext>}.
 * <p>
 * The key is configuration, never data: with the database alone the sealed values are noise; with the database and
 * the key they open (docs/webhooks.md). Changing the key makes every sealed value unreadable: hooks must then be
 * rotated (incoming) or created again (outgoing).
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String VERSION = "v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    @Autowired // the other constructor is for tests
    SecretBox(WebhookProperties properties, Environment environment) {
        this(properties.secretKey());
        String url = environment.getProperty("spring.datasource.url", "");
        if (WebhookProperties.DEV_SECRET_KEY.equals(properties.secretKey()) && !url.isEmpty()
                && !url.startsWith("jdbc:h2:")) {
            // Not refused: an installation that uses no webhook keeps starting; but anyone who has read the
            // source can open this database's webhook secrets.
            log.warn("crosspost.webhooks.secret-key is the shipped development key on a shared database: set "
                    + "CROSSPOST_WEBHOOKS_SECRET_KEY (e.g. openssl rand -base64 32) before creating webhooks");
        }
    }

    /** A box under {@code secretKey} (tests). */
    public SecretBox(String secretKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secretKey.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** {@code value} sealed for {@code field} of hook {@code name}. */
    public String seal(String name, String field, String value) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context(name, field));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /**
     * The value sealed for {@code field} of hook {@code name}.
     *
     * @throws IllegalStateException when it does not open: another key, another hook, or an edited value
     */
    public String open(String name, String field, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("the " + field + " of hook '" + name + "' is not a sealed value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(context(name, field));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the " + field + " of hook '" + name + "' does not open with "
                    + "crosspost.webhooks.secret-key (was the key changed?)");
        }
    }

    private static byte[] context(String name, String field) {
        return ("crosspost webhook " + name + " " + field).getBytes(StandardCharsets.UTF_8);
    }
}

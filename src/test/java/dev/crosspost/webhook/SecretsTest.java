package dev.crosspost.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void theHmacMatchesGitHubsPublishedExample() {
        // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
        assertThat(Secrets.hmacHex("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void secretsAreLongRandomAndHashedOneWay() {
        String a = Secrets.generate();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(Secrets.generate());
        assertThat(Secrets.hash(a)).hasSize(64).isEqualTo(Secrets.hash(a)).doesNotContain(a);
        assertThat(Secrets.sameInConstantTime("abc", "abc")).isTrue();
        assertThat(Secrets.sameInConstantTime("abc", "abd")).isFalse();
        assertThat(Secrets.sameInConstantTime("abc", null)).isFalse();
    }

    @Test
    void aSealedValueOpensUnderItsKeyForItsHookAndFieldOnly() {
        SecretBox box = new SecretBox("a key of at least sixteen characters");
        String sealed = box.seal("ci", "hmac-secret", "s3cret");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret").isNotEqualTo(box.seal("ci", "hmac-secret", "s3cret"));
        assertThat(box.open("ci", "hmac-secret", sealed)).isEqualTo("s3cret");
        assertThatThrownBy(() -> box.open("other", "hmac-secret", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("ci", "url", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox("another key, sixteen or more").open("ci", "hmac-secret", sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("s3cret");
    }
}

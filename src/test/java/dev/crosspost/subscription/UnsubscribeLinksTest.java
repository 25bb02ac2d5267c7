package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private final SubscriptionProperties properties = new SubscriptionProperties("https://cp.example.org/",
            "a-secret-for-this-test-only");
    private final UnsubscribeLinks links = new UnsubscribeLinks(new SubscriptionSecret(null, properties, null),
            properties);

    @Test
    void aLinkVerifiesOnlyAsIssued() {
        String url = links.url(List.of("sub-1", "sub-2"));
        assertThat(url).startsWith("https://cp.example.org/unsubscribe?s=sub-1,sub-2&t=");
        String token = url.substring(url.indexOf("&t=") + 3);

        assertThat(links.verify("sub-1,sub-2", token)).containsExactly("sub-1", "sub-2");
        assertThat(links.verify("sub-1", token)).isEmpty();
        assertThat(links.verify("sub-1,sub-3", token)).isEmpty();
        assertThat(links.verify("sub-1,sub-2", token.substring(1))).isEmpty();
        assertThat(links.verify("sub-1,sub-2", null)).isEmpty();
        assertThat(links.verify("sub-1;drop", token)).isEmpty();
        var other = new SubscriptionProperties("https://cp.example.org", "another-secret-entirely");
        assertThat(new UnsubscribeLinks(new SubscriptionSecret(null, other, null), other).verify("sub-1,sub-2", token))
                .as("another key").isEmpty();
    }
}

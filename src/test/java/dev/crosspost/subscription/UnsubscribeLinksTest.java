package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import dev.crosspost.web.SiteProperties;

import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private final SiteProperties site = new SiteProperties(URI.create("https://cp.example.org/"));
    private final UnsubscribeLinks links = new UnsubscribeLinks(new SubscriptionSecret(null,
            new SubscriptionProperties("a-secret-for-this-test-only"), null), site);

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
        var other = new SubscriptionProperties("another-secret-entirely");
        assertThat(new UnsubscribeLinks(new SubscriptionSecret(null, other, null), site).verify("sub-1,sub-2", token))
                .as("another key").isEmpty();
    }
}

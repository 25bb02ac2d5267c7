package dev.crosspost.subscription;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.subscription.*}.
 *
 * @param baseUrl the public address of Crosspost, put in front of unsubscribe links in e-mails
 * @param secret  the key that signs unsubscribe links; when empty, one is generated on first start and kept
 *                in the database (table {@code crosspost.settings}), shared by every node
 */
@ConfigurationProperties("crosspost.subscription")
record SubscriptionProperties(@DefaultValue("http://localhost:8080") String baseUrl, String secret) {
}

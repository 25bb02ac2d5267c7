package dev.crosspost.subscription;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code crosspost.subscription.*}. Unsubscribe links start with {@code crosspost.base-url}.
 *
 * @param secret  the key that signs unsubscribe links; when empty, one is generated on first start and kept
 *                in the database (table {@code crosspost.settings}), shared by every node
 */
@ConfigurationProperties("crosspost.subscription")
record SubscriptionProperties(String secret) {
}

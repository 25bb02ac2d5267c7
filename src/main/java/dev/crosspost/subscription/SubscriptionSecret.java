package dev.crosspost.subscription;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key of unsubscribe links: {@code crosspost.subscription.secret} when set, else one generated on first
 * use and kept in {@code crosspost.settings}, so links stay valid across restarts and on every node.
 */
@Component
class SubscriptionSecret implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSecret.class);
    private static final String NAME = "subscription.secret";

    private final JdbcClient jdbc;
    private final SubscriptionProperties properties;
    private final TransactionTemplate ownTransaction;
    private volatile byte[] key;

    SubscriptionSecret(JdbcClient jdbc, SubscriptionProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        // never inside a caller's transaction: a duplicate insert would spoil it (PostgreSQL)
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Settles the key at start, before any link is made. */
    @Override
    public void run(ApplicationArguments args) {
        key();
    }

    byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = load();
            key = k;
        }
        return k;
    }

    private byte[] load() {
        if (properties.secret() != null && !properties.secret().isBlank()) {
            return properties.secret().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return ownTransaction.execute(status -> loadOrGenerate());
        } catch (DuplicateKeyException anotherNodeWasFaster) {
            return ownTransaction.execute(status -> stored().orElseThrow());
        }
    }

    private byte[] loadOrGenerate() {
        return stored().orElseGet(() -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String value = Base64.getEncoder().encodeToString(bytes);
            jdbc.sql("insert into crosspost.settings (setting_name, setting_value) values (?, ?)").params(NAME, value).update();
            log.info("Generated the unsubscribe-link secret and stored it in crosspost.settings");
            return Base64.getDecoder().decode(value);
        });
    }

    private Optional<byte[]> stored() {
        return jdbc.sql("select setting_value from crosspost.settings where setting_name = ?").param(NAME)
                .query(String.class).optional().map(v -> Base64.getDecoder().decode(v));
    }
}

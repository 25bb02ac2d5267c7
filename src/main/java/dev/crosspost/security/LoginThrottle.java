package dev.crosspost.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.crosspost.util.BucketStore;
import dev.crosspost.util.TokenBuckets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Failed logins per client address and per account (Bucket4j buckets in the {@link BucketStore}: on PostgreSQL
 * counted once for the whole cluster, on H2 in this node's memory). Only failures count. An address that used up
 * its allowance is refused for every account; an account whose allowance is used up is refused only to addresses
 * it has not logged in from lately, so guessing from many addresses is slowed down while the owner, from their
 * usual address, still gets in. Which addresses those are, each node remembers for itself: a node that has not
 * seen the owner log in takes them for a stranger while the account is under attack. (Camunda's own delay and
 * lock are switched off in application.yaml: they refuse the right password from everywhere.)
 */
@Component
@EnableConfigurationProperties(LoginProperties.class)
class LoginThrottle {

    private static final int MAX_KNOWN = 10_000;

    private final TokenBuckets byAddress;
    private final TokenBuckets byAccount;
    private final long knownForNanos;
    /** account + address -> when it last logged in (nanoTime); the eldest are forgotten first. */
    private final Map<String, Long> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_KNOWN;
        }
    };

    LoginThrottle(LoginProperties properties, BucketStore store) {
        this.byAddress = store.buckets("login-address", properties.perAddress());
        this.byAccount = store.buckets("login-account", properties.perAccount());
        this.knownForNanos = properties.knownAddresses().toNanos();
    }

    /** Zero when this try may go ahead, else how long to wait. {@code account} may be null (not known yet). */
    Duration refusal(String address, String account) {
        Duration wait = byAddress.waitFor(address);
        if (wait.isZero() && account != null && !isKnown(address, account)) {
            wait = byAccount.waitFor(account.toLowerCase(Locale.ROOT));
        }
        return wait;
    }

    void failed(String address, String account) {
        byAddress.take(address);
        if (account != null) {
            byAccount.take(account.toLowerCase(Locale.ROOT));
        }
    }

    void succeeded(String address, String account) {
        synchronized (known) {
            known.put(key(address, account), System.nanoTime());
        }
    }

    private boolean isKnown(String address, String account) {
        Long at;
        synchronized (known) {
            at = known.get(key(address, account));
        }
        return at != null && System.nanoTime() - at < knownForNanos;
    }

    private static String key(String address, String account) {
        return account.toLowerCase(Locale.ROOT) + "\u0000" + address;
    }
}

package dev.crosspost.security;

import java.time.Duration;

import dev.crosspost.util.Rate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.login.*}: how many failed logins are allowed before further tries get 429.
 *
 * @param perAddress     failed logins from one client address, whatever the account
 * @param perAccount     failed logins on one account from all addresses; when used up, only addresses the
 *                       account logged in from before may still try (so a stranger cannot lock its owner out)
 * @param knownAddresses how long an address where an account logged in counts as its owner's
 */
@ConfigurationProperties("crosspost.login")
record LoginProperties(Rate perAddress, Rate perAccount, @DefaultValue("30d") Duration knownAddresses) {

    LoginProperties {
        perAddress = perAddress == null ? new Rate(10, Duration.ofMinutes(10)) : perAddress;
        perAccount = perAccount == null ? new Rate(20, Duration.ofMinutes(10)) : perAccount;
    }
}

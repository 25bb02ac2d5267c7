package dev.crosspost.security;

import java.util.Map;

import dev.crosspost.util.Rate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.limits.*}: how much one member may send, per kind of message and channel.
 *
 * @param enabled off: nothing is limited (for load tests)
 * @param rates   per kind ({@code shout}, {@code story}, {@code comment}, ...): {@code events} and {@code per}
 */
@ConfigurationProperties("crosspost.limits")
record RateLimitProperties(@DefaultValue("true") boolean enabled, Map<String, Rate> rates) {

    RateLimitProperties {
        rates = rates == null ? Map.of() : Map.copyOf(rates);
    }
}

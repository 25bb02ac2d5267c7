package dev.crosspost.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.SendCap;
import org.springframework.stereotype.Component;

/**
 * At most {@code crosspost.sms.max-per-hour} SMS to one number within any hour (0: no cap), notifications and
 * verification codes together: every SMS costs money, and a loop or a flood of shouts must not run up a bill. Counts
 * the sends of the last 60 minutes as the outbox wrote them; two sends to one number accepted at the same moment on
 * different connections may both see the last free place, so the cap can be overshot by the number of such accepts.
 */
@Component
class SmsCap implements SendCap {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SmsProperties properties;

    SmsCap(SmsProperties properties) {
        this.properties = properties;
    }

    @Override
    public String kind() {
        return SmsOutbound.KIND;
    }

    @Override
    public Optional<OverCap> overCap(ChannelAddress target, Instant now, SentSince sent) {
        int cap = properties.maxPerHour();
        if (cap <= 0) {
            return Optional.empty();
        }
        List<Instant> written = sent.since(now.minus(HOUR), cap);
        if (written.size() < cap) {
            return Optional.empty();
        }
        // one more fits once all but cap - 1 of the counted sends are older than an hour
        Duration wait = Duration.between(now, written.get(written.size() - cap).plus(HOUR));
        return Optional.of(new OverCap("over the cap of " + cap + " SMS per hour to " + target.name()
                + " (crosspost.sms.max-per-hour)", wait.isNegative() ? Duration.ZERO : wait));
    }
}

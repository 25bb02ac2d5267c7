package dev.crosspost.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.crosspost.message.ChannelAddress;
import org.junit.jupiter.api.Test;

/** The hourly SMS cap per number, over the times the outbox says the number's sends were written. */
class SmsCapTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ChannelAddress PHONE = ChannelAddress.parse("sms:+15551230001");

    private static SmsCap cap(int maxPerHour) {
        return new SmsCap(new SmsProperties(true, "http://gateway", "sid", "token", "+15550000000", 160,
                Duration.ofSeconds(10), maxPerHour));
    }

    /** Sends written {@code minutesAgo} before now; the cap is asked only for the last hour's. */
    private static List<Instant> sentAgo(long... minutesAgo) {
        List<Instant> times = new ArrayList<>();
        for (long m : minutesAgo) {
            times.add(NOW.minus(Duration.ofMinutes(m)));
        }
        return times;
    }

    @Test
    void underTheCapASendFits() {
        List<Instant> asked = new ArrayList<>();
        var over = cap(3).overCap(PHONE, NOW, (from, newest) -> {
            asked.add(from);
            assertThat(newest).as("no more than the cap is read").isEqualTo(3);
            return sentAgo(50, 40);
        });

        assertThat(over).isEmpty();
        assertThat(asked).as("the last hour is counted").containsExactly(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void atTheCapItSaysWhyAndWhenTheNextSendFits() {
        var over = cap(3).overCap(PHONE, NOW, (from, newest) -> sentAgo(50, 40, 30));

        assertThat(over).hasValueSatisfying(o -> {
            assertThat(o.reason())
                    .isEqualTo("over the cap of 3 SMS per hour to +15551230001 (crosspost.sms.max-per-hour)");
            // the oldest of the three leaves the hour in ten minutes
            assertThat(o.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void overTheCapTheNextSendFitsWhenAllButCapMinusOneAreOlderThanAnHour() {
        // five sends, cap 2: one more fits once only the newest is left in the hour, so the one 20 minutes ago
        // leaves it in 40
        var over = cap(2).overCap(PHONE, NOW, (from, newest) -> sentAgo(55, 50, 40, 20, 10));

        assertThat(over).hasValueSatisfying(o -> assertThat(o.retryAfter()).isEqualTo(Duration.ofMinutes(40)));
    }

    @Test
    void zeroMeansNoCapAndTheOutboxIsNotAsked() {
        var over = cap(0).overCap(PHONE, NOW, (from, newest) -> {
            throw new AssertionError("no cap: nothing to count");
        });

        assertThat(over).isEmpty();
    }
}

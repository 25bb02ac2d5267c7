package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.crosspost.util.BucketStore;
import dev.crosspost.util.Rate;
import org.junit.jupiter.api.Test;

/** The login throttle without Spring; nothing refills within a test (rates per hour). */
class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(new LoginProperties(
            new Rate(3, Duration.ofHours(1)), new Rate(5, Duration.ofHours(1)), Duration.ofDays(30)),
            BucketStore.inMemory());

    @Test
    void anAddressIsRefusedForEveryAccountOnceItsFailuresAreUsedUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusal("10.0.0.1", "alice")).isZero();
            throttle.failed("10.0.0.1", "alice");
        }
        assertThat(throttle.refusal("10.0.0.1", "alice")).isPositive();
        assertThat(throttle.refusal("10.0.0.1", "bob")).isPositive();
        assertThat(throttle.refusal("10.0.0.2", "alice")).isZero();
    }

    @Test
    void anAccountGuessedFromManyAddressesIsRefusedOnlyWhereItsOwnerHasNotLoggedIn() {
        throttle.succeeded("10.0.1.1", "Carol");
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.1." + (10 + i), "carol");
        }
        assertThat(throttle.refusal("10.0.1.99", "carol")).isPositive();
        assertThat(throttle.refusal("10.0.1.1", "carol")).isZero();
        assertThat(throttle.refusal("10.0.1.99", "dave")).isZero();
    }
}

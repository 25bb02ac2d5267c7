package dev.crosspost.member;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.verification.*}: the one-time codes that confirm a member's XMPP address or phone number.
 *
 * @param codeTtl     how long a code is valid
 * @param maxAttempts wrong codes before the code is void (the member sets the address again for a new one)
 * @param resendAfter the least time between two codes for one member and kind (each SMS costs money)
 */
@ConfigurationProperties("crosspost.verification")
public record VerificationProperties(@DefaultValue("30m") Duration codeTtl,
                                     @DefaultValue("5") int maxAttempts,
                                     @DefaultValue("60s") Duration resendAfter) {
}

package dev.crosspost.shoutbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.shoutbox.*}.
 *
 * @param maxLength    the longest shout accepted, in characters
 * @param defaultLimit how many shouts a list returns when no limit is asked for
 * @param maxLimit     the most shouts a list returns
 * @param maxStreamsPerMember live streams (SSE) one member may hold open on one node
 * @param retention    shouts older than this are deleted at night; not set (the default): kept for ever
 * @param editWindow   how long after posting its author may edit a shout (moderators and admins: any time)
 */
@Validated
@ConfigurationProperties("crosspost.shoutbox")
record ShoutboxProperties(@DefaultValue("4000") @Min(1) @Max(100000) int maxLength,
                          @DefaultValue("50") @Min(1) int defaultLimit,
                          @DefaultValue("500") @Min(1) int maxLimit,
                          @DefaultValue("5") @Min(1) int maxStreamsPerMember,
                          Duration retention,
                          @DefaultValue("15m") Duration editWindow) {

    ShoutboxProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("crosspost.shoutbox.retention must be positive (e.g. 90d), or unset");
        }
        if (editWindow.isNegative()) {
            throw new IllegalArgumentException("crosspost.shoutbox.edit-window must not be negative (0: only "
                    + "moderators and admins edit shouts)");
        }
    }
}

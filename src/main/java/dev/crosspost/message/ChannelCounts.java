package dev.crosspost.message;

import java.time.Instant;

/**
 * The messages that entered on one channel, as the admin pages count them (the channel overview and Cockpit's
 * dashboard read the same figures).
 *
 * @param channel         the inbound channel address
 * @param accepted        messages kept (all time, or since {@code crosspost.message.retention})
 * @param unrouted        of those, the ones no queue took
 * @param lastMessageAt   when the newest one came
 * @param lastHour        messages received in the hour before the figures were read
 * @param lastDay         messages received in the day before
 * @param unroutedLastDay of those, the ones no queue took
 */
public record ChannelCounts(String channel, long accepted, long unrouted, Instant lastMessageAt, long lastHour,
                            long lastDay, long unroutedLastDay) {
}

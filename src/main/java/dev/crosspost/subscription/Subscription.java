package dev.crosspost.subscription;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A member's wish to hear about a channel.
 *
 * @param id        the subscription id (also what an unsubscribe link names)
 * @param memberId  who is notified
 * @param channel   the channel address, e.g. {@code shoutbox:team}
 * @param method    how: an XMPP message, an e-mail or an SMS
 * @param interval  when: at once, or in an hourly, daily or weekly digest
 * @param createdAt when it was made
 */
public record Subscription(String id, String memberId, String channel, Method method, Interval interval,
                           Instant createdAt) {

    /** How a member is notified; the name is the outbound channel kind. */
    public enum Method {
        XMPP, MAIL, SMS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of the channels this method sends to (the xmpp, mail and sms adapters' kinds). */
        public String kind() {
            return id();
        }

        public static Method parse(String raw) {
            return parseEnum(Method.class, raw, "method");
        }
    }

    /** When a member is notified. */
    public enum Interval {
        IMMEDIATE, HOURLY, DAILY, WEEKLY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Interval parse(String raw) {
            return parseEnum(Interval.class, raw, "interval");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String raw, String what) {
        try {
            return Enum.valueOf(type, raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException(what + " must be one of " + allowed + ", got '" + raw + "'");
        }
    }
}

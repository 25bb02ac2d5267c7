package dev.crosspost.xmpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.crosspost.xmpp.connection.XmppProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * How much one person may say to Crosspost over XMPP: a Bucket4j token bucket per sender and channel (a room, or the
 * bot's direct channel), {@code crosspost.xmpp.chat-rate} per {@code chat-rate-period}, in this node's memory (the
 * one node that holds the bot). Over the limit, the sender is told once, not once per line: until a line of theirs
 * is let through again.
 * <p>
 * A small counterpart of the HTTP side's per-member limits (security/RateLimits on the guard branch), which the
 * adapters may not use; the two can become one service when both have landed.
 */
@Component
class ChatLimits {

    private static final int SWEEP_AT = 10_000;

    /** What to do with a line: pass it on, drop it and tell the sender (once), or drop it silently. */
    enum Verdict { PASS, REFUSE_AND_TELL, REFUSE }

    private final XmppProperties properties;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> told = new ConcurrentHashMap<>();

    ChatLimits(XmppProperties properties) {
        this.properties = properties;
    }

    /** Counts one line of {@code sender} on {@code channel}. */
    Verdict take(String sender, String channel) {
        if (properties.chatRate() == 0) {
            return Verdict.PASS;
        }
        String key = sender + "\u0000" + channel;
        if (bucket(key).tryConsume(1)) {
            told.remove(key);
            return Verdict.PASS;
        }
        return told.put(key, Boolean.TRUE) == null ? Verdict.REFUSE_AND_TELL : Verdict.REFUSE;
    }

    /** The one reply to a sender over the limit. */
    String refusal() {
        return "You are writing faster than Crosspost passes on (" + properties.chatRate() + " lines per "
                + properties.chatRatePeriod().toSeconds() + " s): your lines are not passed on until you slow down.";
    }

    private Bucket bucket(String key) {
        if (buckets.size() >= SWEEP_AT) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= properties.chatRate());
            told.keySet().retainAll(buckets.keySet());
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(properties.chatRate()).refillGreedy(properties.chatRate(), properties.chatRatePeriod())
                .build()).build());
    }
}

package dev.crosspost.xmpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.crosspost.util.KeyedBuckets;
import dev.crosspost.util.Rate;
import dev.crosspost.xmpp.connection.XmppProperties;
import org.springframework.stereotype.Component;

/**
 * How much one person may say to Crosspost over XMPP: a token bucket per sender and channel (a room, or the bot's
 * direct channel), {@code crosspost.xmpp.chat-rate} per {@code chat-rate-period}, in this node's memory (the one node
 * that holds the bot), with the same {@link KeyedBuckets} the HTTP side's limits use. Over the limit, the sender is
 * told once, not once per line: until a line of theirs is let through again.
 */
@Component
class ChatLimits {

    private static final int SWEEP_AT = 10_000;

    /** What to do with a line: pass it on, drop it and tell the sender (once), or drop it silently. */
    enum Verdict { PASS, REFUSE_AND_TELL, REFUSE }

    private final XmppProperties properties;
    /** {@code null}: no limit ({@code chat-rate} 0). */
    private final KeyedBuckets buckets;
    private final Map<String, Boolean> told = new ConcurrentHashMap<>();

    ChatLimits(XmppProperties properties) {
        this.properties = properties;
        this.buckets = properties.chatRate() == 0 ? null
                : new KeyedBuckets(new Rate(properties.chatRate(), properties.chatRatePeriod()));
    }

    /** Counts one line of {@code sender} on {@code channel}. */
    Verdict take(String sender, String channel) {
        if (buckets == null) {
            return Verdict.PASS;
        }
        String key = sender + "\u0000" + channel;
        if (buckets.tryTake(key).isZero()) {
            told.remove(key);
            return Verdict.PASS;
        }
        if (told.size() >= SWEEP_AT) {
            // a sender whose bucket has a token again passes their next line (and is forgotten then) anyway
            told.keySet().removeIf(k -> buckets.waitFor(k).isZero());
        }
        return told.put(key, Boolean.TRUE) == null ? Verdict.REFUSE_AND_TELL : Verdict.REFUSE;
    }

    /** The one reply to a sender over the limit. */
    String refusal() {
        return "You are writing faster than Crosspost passes on (" + properties.chatRate() + " lines per "
                + properties.chatRatePeriod().toSeconds() + " s): your lines are not passed on until you slow down.";
    }
}

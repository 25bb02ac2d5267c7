package dev.crosspost.xmpp;

import java.util.UUID;
import java.util.function.Supplier;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.room.Rooms;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bot's answers on the inbound side, for room lines and direct messages alike: a private message, a line in a
 * room, and the one reply to a sender over their rate ({@link ChatLimits}). An answer that cannot be sent is logged,
 * never thrown: the inbound thread goes on with the next stanza.
 */
@Component
class ChatReplies {

    private static final Logger log = LoggerFactory.getLogger(ChatReplies.class);

    private final XmppConnection connection;
    private final Rooms rooms;
    private final ChatLimits limits;

    ChatReplies(XmppConnection connection, Rooms rooms, ChatLimits limits) {
        this.connection = connection;
        this.rooms = rooms;
        this.limits = limits;
    }

    /** Counts the line against its sender's limit; over it, tells them once (privately) and drops the line. */
    boolean withinLimit(String sender, ChannelAddress channel, Jid replyTo) {
        ChatLimits.Verdict verdict = limits.take(sender, channel.toString());
        if (verdict == ChatLimits.Verdict.PASS) {
            return true;
        }
        log.info("in  {} from {}: over the rate limit, dropped", channel, sender);
        if (verdict == ChatLimits.Verdict.REFUSE_AND_TELL) {
            tell(replyTo, limits.refusal());
        }
        return false;
    }

    /** A private message to {@code to}. */
    void tell(Jid to, String text) {
        reply(() -> connection.session().tell(to, text, UUID.randomUUID().toString()), to.toString());
    }

    /** A line in {@code room}, worded when it is sent. */
    void say(EntityBareJid room, Supplier<String> text) {
        reply(() -> rooms.say(room, text), room.toString());
    }

    private static void reply(Reply reply, String to) {
        try {
            reply.send();
        } catch (Exception e) {
            log.warn("xmpp could not answer {}: {}", to, e.toString());
        }
    }

    private interface Reply {
        void send() throws Exception;
    }
}

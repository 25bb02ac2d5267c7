package dev.crosspost.xmpp;

import java.time.Instant;

import dev.crosspost.cluster.Leadership;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.MessageLog;
import dev.crosspost.message.BlockingPort;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.RoomJoiner;
import dev.crosspost.xmpp.room.RoomQueue;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code xmpp-room:<room JID>}: the bot says the text in the room (joining it if needed), with the
 * outgoing id as XEP-0359 origin-id, and returns once the room echoed the line. Lines go through the room's
 * {@link RoomQueue}, so they are said once each and in the order their messages came in, also after an outage.
 * Throws while the chat server is away, so the job is retried.
 */
@Component
class XmppRoomOutbound extends BlockingPort {

    private final XmppProperties properties;
    private final RoomQueue queue;
    private final MessageLog messages;
    private final Leadership leadership;

    XmppRoomOutbound(XmppProperties properties, RoomQueue queue, MessageLog messages, Leadership leadership) {
        this.properties = properties;
        this.leadership = leadership;
        this.queue = queue;
        this.messages = messages;
    }

    @Override
    public String kind() {
        return XmppChannels.ROOM;
    }

    /** Only the node that holds the bot sends; the others leave these sends to it. */
    @Override
    public boolean sendsHere() {
        return leadership.leads();
    }

    @Override
    public String unavailableReason() {
        return properties.enabled() ? null : XmppDirectOutbound.NOT_CONFIGURED;
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
        if (!leadership.leads()) { // a line queued here would be said later by this node, after another said it
            throw new IllegalStateException("this node does not hold the chat bot; another node says " + target);
        }
        var room = RoomJoiner.roomJid(target.name());
        Instant order = messages.receivedAt(message.messageId()).orElseGet(Instant::now);
        try {
            queue.say(room, message.id(), message.text(), order);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + target, e);
        }
    }
}

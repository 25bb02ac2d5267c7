package dev.crosspost.xmpp;

import java.time.Instant;

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
 * Throws while the chat server is away, so the outbox retries the line.
 */
@Component
class XmppRoomOutbound extends BlockingPort {

    private final XmppProperties properties;
    private final RoomQueue queue;
    private final MessageLog messages;

    XmppRoomOutbound(XmppProperties properties, RoomQueue queue, MessageLog messages) {
        this.properties = properties;
        this.queue = queue;
        this.messages = messages;
    }

    @Override
    public String kind() {
        return XmppChannels.ROOM;
    }

    @Override
    public String unavailableReason() {
        return properties.enabled() ? null : XmppDirectOutbound.NOT_CONFIGURED;
    }

    /** Lines of one room on their way at once, as the room queue pipelines them ({@code crosspost.xmpp.room-window}). */
    @Override
    public int window() {
        return properties.roomWindow();
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
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

package dev.crosspost.xmpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import org.jxmpp.jid.EntityBareJid;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code xmpp-room:<room JID>}: the bot says the text in the room (joining it if needed), with the
 * outgoing id as XEP-0359 origin-id, and returns only once the room echoed the line. Throws while the chat
 * server is away, so the job is retried. Sends to one room go one at a time.
 */
@Component
class XmppRoomOutbound implements OutboundPort {

    private final XmppProperties properties;
    private final XmppConnection connection;
    private final Map<EntityBareJid, ReentrantLock> roomLocks = new ConcurrentHashMap<>();

    XmppRoomOutbound(XmppProperties properties, XmppConnection connection) {
        this.properties = properties;
        this.connection = connection;
    }

    @Override
    public String kind() {
        return XmppInbound.ROOM_KIND;
    }

    @Override
    public String unavailableReason() {
        return properties.enabled() ? null : XmppDirectOutbound.NOT_CONFIGURED;
    }

    @Override
    public void send(ChannelAddress target, OutgoingMessage message) {
        EntityBareJid room = XmppConnection.roomJid(target.name());
        ReentrantLock lock = roomLocks.computeIfAbsent(room, r -> new ReentrantLock(true));
        lock.lock();
        try {
            connection.joined(room).say(room, message.text(), message.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + target, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + target + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }
}

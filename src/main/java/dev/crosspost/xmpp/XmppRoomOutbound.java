package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.cluster.Leadership;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.RoomArchive;
import dev.crosspost.xmpp.room.Rooms;
import dev.crosspost.message.Text;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code xmpp-room:<room JID>}: the bot says the text in the room (joining it if needed), with the
 * outgoing id as XEP-0359 origin-id; the send completes when the room echoes the line. Up to
 * {@code crosspost.xmpp.room-window} lines of a room are on their way at once, said in the order they are sent
 * (one stream); ordering and retries are the outbox's. A send fails at once while the chat server is away, and
 * when the echo does not come in time or the connection breaks: then the line may have been said, and
 * {@link #alreadyDelivered} looks for its origin-id in the room's archive.
 */
@Component
class XmppRoomOutbound implements OutboundPort {

    private final XmppProperties properties;
    private final Rooms rooms;
    private final RoomArchive archive;
    private final Leadership leadership;

    XmppRoomOutbound(XmppProperties properties, Rooms rooms, RoomArchive archive, Leadership leadership) {
        this.properties = properties;
        this.rooms = rooms;
        this.archive = archive;
        this.leadership = leadership;
    }

    @Override
    public String kind() {
        return XmppChannels.ROOM;
    }

    /** Only the node that holds the bot sends; the others leave these sends to it. */
    /** The node that holds the chat bot sends; a target's lines keep their order across nodes. */
    @Override
    public boolean oneSenderAtATime() {
        return true;
    }

    @Override
    public boolean sendsHere() {
        return leadership.leads();
    }

    @Override
    public String unavailableReason() {
        return properties.enabled() ? null : XmppDirectOutbound.NOT_CONFIGURED;
    }

    @Override
    public CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
        return say(target, message, null);
    }

    /**
     * Corrections (XEP-0308) and retractions (XEP-0424) of its lines: lines of the bot's like any other, with their
     * own origin-id, echoed and looked for in the archive as any line is.
     */
    @Override
    public boolean changesDelivered() {
        return true;
    }

    @Override
    public CompletableFuture<Void> correct(ChannelAddress target, OutgoingMessage correction, String replacedId) {
        return say(target, correction, LineChange.correcting(replacedId));
    }

    @Override
    public CompletableFuture<Void> retract(ChannelAddress target, OutgoingMessage retraction, String retractedId) {
        return say(target, retraction, LineChange.retracting(retractedId));
    }

    private CompletableFuture<Void> say(ChannelAddress target, OutgoingMessage message, LineChange change) {
        if (!leadership.leads()) { // a line said here could be said again by the node that holds the bot
            return CompletableFuture.failedFuture(
                    new IllegalStateException("this node does not hold the chat bot; another node says " + target));
        }
        try {
            return rooms.send(Rooms.roomJid(target.name()), message.id(), Text.oneEntry(message.text()), change);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean checksArrival() {
        return true;
    }

    /** Looks for the line's origin-id in the room's archive; throws when the room cannot tell now. */
    @Override
    public boolean alreadyDelivered(ChannelAddress target, OutgoingMessage message, Instant since) {
        try {
            return archive.said(Rooms.roomJid(target.name()), message.id(), since);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + target + " for line " + message.id(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("room " + target.name() + " could not tell whether it said line "
                    + message.id() + ": " + e, e);
        }
    }

    @Override
    public int window() {
        return properties.roomWindow();
    }
}

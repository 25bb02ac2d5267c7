package dev.crosspost.xmpp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** The rooms one {@link XmppSession} joined: joining, saying lines, telling its own lines, XEP-0410 self-ping. */
final class SessionRooms {

    /** The answer of an XEP-0410 self-ping. */
    enum RoomState { JOINED, NOT_JOINED, UNKNOWN }

    private final XmppSession session;
    private final XMPPTCPConnection connection;
    private final XmppProperties properties;
    private final SentLines sent;
    private final XmppSession.Handler handler;
    private final Map<EntityBareJid, MultiUserChat> rooms = new ConcurrentHashMap<>();

    SessionRooms(XmppSession session, XMPPTCPConnection connection, XmppProperties properties, SentLines sent,
                 XmppSession.Handler handler) {
        this.session = session;
        this.connection = connection;
        this.properties = properties;
        this.sent = sent;
        this.handler = handler;
    }

    boolean isJoined(EntityBareJid room) {
        MultiUserChat muc = rooms.get(room);
        return muc != null && muc.isJoined();
    }

    /**
     * Joins the room without history; a room that did not exist is created as an instant room, because
     * Prosody keeps a new room locked (nobody else can join) until its owner configures it.
     *
     * @return whether this join created the room
     */
    synchronized boolean join(EntityBareJid room) throws Exception {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
        if (muc.isJoined()) {
            return false;
        }
        if (rooms.putIfAbsent(room, muc) == null) {
            muc.addMessageListener(message -> handler.roomMessage(session, room, message,
                    message.getFrom() == null || !message.getFrom().hasResource() ? null
                            : muc.getOccupant(message.getFrom().asEntityFullJidIfPossible())));
        }
        var enter = muc.getEnterConfigurationBuilder(Resourcepart.from(properties.nickname()))
                .requestNoHistory()
                .timeoutAfter(properties.replyTimeout().toMillis())
                .build();
        var created = muc.createOrJoin(enter);
        if (created != null) {
            created.makeInstant();
            return true;
        }
        return false;
    }

    /** Whether a line comes from the bot's own occupant in that room (not merely from its nickname's text). */
    boolean isOwnOccupant(EntityBareJid room, Jid from, Occupant occupant) {
        MultiUserChat muc = rooms.get(room);
        if (muc == null || !muc.isJoined() || from == null || muc.getNickname() == null) {
            return false;
        }
        boolean ownOccupantJid = from.equals(JidCreate.entityFullFrom(room, muc.getNickname()));
        Jid realJid = occupant == null ? null : occupant.getJid();
        // A room that shows real JIDs confirms it; an anonymous one leaves only the occupant JID, which the
        // room gives to one occupant at a time.
        return ownOccupantJid && (realJid == null || realJid.equals(connection.getUser()));
    }

    /**
     * Says {@code text} in the room with origin-id {@code originId} and waits until the room echoes it back,
     * which proves the room took the line. Throws when it cannot, so the caller's job is retried.
     */
    void say(EntityBareJid room, String text, String originId) throws Exception {
        var echo = send(room, text, originId);
        try {
            echo.get(properties.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("room " + room + " did not echo the line within "
                    + properties.replyTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to room " + room + " failed", e.getCause());
        } finally {
            sent.forget(originId);
        }
    }

    /**
     * Says {@code text} in the room without waiting: the returned future completes when the room echoes the line
     * (the caller times it out and then calls {@link SentLines#forget}). Lines sent one after another on this
     * connection are said in the room in that order. Throws at once when the bot is not in the room.
     */
    CompletableFuture<Void> send(EntityBareJid room, String text, String originId) throws Exception {
        MultiUserChat muc = rooms.get(room);
        if (muc == null || !muc.isJoined()) {
            throw new IllegalStateException("the bot is not in room " + room);
        }
        var echo = sent.sending(originId);
        try {
            var message = muc.buildMessage().setBody(text);
            message.addExtension(new OriginIdElement(originId));
            muc.sendMessage(message);
            return echo;
        } catch (Exception e) {
            sent.forget(originId);
            throw e;
        }
    }

    /** XEP-0410: pings the bot's own occupant; the room answers with an error when the bot is no longer in it. */
    RoomState selfPing(EntityBareJid room) throws InterruptedException {
        MultiUserChat muc = rooms.get(room);
        if (muc == null || !muc.isJoined() || muc.getNickname() == null) {
            return RoomState.NOT_JOINED;
        }
        try {
            connection.sendIqRequestAndWaitForResponse(new Ping(JidCreate.entityFullFrom(room, muc.getNickname())));
            return RoomState.JOINED;
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError.Condition c = e.getStanzaError().getCondition();
            if (c == StanzaError.Condition.service_unavailable || c == StanzaError.Condition.feature_not_implemented) {
                return RoomState.JOINED;
            }
            if (c == StanzaError.Condition.not_acceptable || c == StanzaError.Condition.item_not_found) {
                return RoomState.NOT_JOINED;
            }
            return RoomState.UNKNOWN;
        } catch (SmackException e) {
            return RoomState.UNKNOWN;
        }
    }

    /** Forgets a room whose membership the bot lost, so that the next {@link #join} enters it afresh. */
    void dropRoom(EntityBareJid room) {
        MultiUserChat muc = rooms.get(room);
        if (muc != null && muc.isJoined()) {
            // leave() would wait for an answer that never comes; the room already dropped us.
            Thread leaving = new Thread(() -> {
                try {
                    muc.leave();
                } catch (Exception ignored) {
                    // we are out of the room either way
                }
            }, "xmpp-leave-" + room);
            leaving.setDaemon(true);
            leaving.start();
        }
    }
}

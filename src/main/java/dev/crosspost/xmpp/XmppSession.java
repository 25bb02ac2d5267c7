package dev.crosspost.xmpp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * One login of the bot: a fresh Smack connection and the rooms joined on it. A new session is opened after
 * every loss, so no stale room state of Smack's survives a server restart (no {@code leave()} that blocks for
 * the reply timeout).
 */
final class XmppSession {

    /** What the session reports to its owner. Called on Smack's threads: return quickly. */
    interface Handler {
        void roomMessage(XmppSession session, EntityBareJid room, Message message, Occupant sender);

        void directMessage(XmppSession session, Message message);

        void lost(XmppSession session, String why);
    }

    /** Prepares each new connection before it logs in: Smack's managers (the roster, say) are per connection. */
    interface Setup {
        void beforeLogin(XMPPConnection connection);
    }

    /** The answer of an XEP-0410 self-ping. */
    enum RoomState { JOINED, NOT_JOINED, UNKNOWN }

    private final XMPPTCPConnection connection;
    private final XmppProperties properties;
    private final SentLines sent;
    private final Handler handler;
    private final Map<EntityBareJid, MultiUserChat> rooms = new ConcurrentHashMap<>();

    private XmppSession(XMPPTCPConnection connection, XmppProperties properties, SentLines sent, Handler handler) {
        this.connection = connection;
        this.properties = properties;
        this.sent = sent;
        this.handler = handler;
    }

    /** Connects and logs in; throws when the server cannot be reached or refuses the login. */
    static XmppSession open(XmppProperties p, SentLines sent, Handler handler, List<Setup> setups) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(p.domain())
                .setHostAddressByNameOrIp(p.serverHost())
                .setPort(p.port())
                .setUsernameAndPassword(p.username(), p.password())
                .setResource(p.resource())
                .setSecurityMode(p.tls() == XmppProperties.Tls.DISABLED ? SecurityMode.disabled : SecurityMode.required)
                .setConnectTimeout((int) p.replyTimeout().toMillis())
                .build();
        var connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(p.replyTimeout().toMillis());
        // We own reconnection (also of a failed first connect), so Smack's must stay off.
        ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection();
        var session = new XmppSession(connection, p, sent, handler);
        session.listen();
        setups.forEach(setup -> setup.beforeLogin(connection));
        try {
            connection.connect().login();
        } catch (Exception e) {
            connection.instantShutdown();
            throw e;
        }
        return session;
    }

    private void listen() {
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                handler.lost(XmppSession.this, "connection closed: " + e.getMessage());
            }
        });
        // In order, on one Smack thread: the handler only hands the message over.
        connection.addSyncStanzaListener(stanza -> handler.directMessage(this, (Message) stanza),
                new AndFilter(MessageTypeFilter.NORMAL_OR_CHAT, MessageWithBodiesFilter.INSTANCE));
        var pings = PingManager.getInstanceFor(connection);
        pings.setPingInterval((int) Math.max(1, properties.pingInterval().toSeconds()));
        pings.registerPingFailedListener(() -> handler.lost(this, "keep-alive ping failed"));
    }

    boolean isAlive() {
        return connection.isConnected() && connection.isAuthenticated();
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
            muc.addMessageListener(message -> handler.roomMessage(this, room, message,
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

    /**
     * Sends a direct message and then pings the server: the server answers in stream order, so the pong
     * proves it took the message.
     */
    void tell(Jid to, String text, String originId) throws Exception {
        sent.sending(originId);
        sent.forget(originId);
        var message = connection.getStanzaFactory().buildMessageStanza()
                .to(to).ofType(Message.Type.chat).setBody(text);
        message.addExtension(new OriginIdElement(originId));
        connection.sendStanza(message.build());
        if (!PingManager.getInstanceFor(connection).pingMyServer(false, properties.replyTimeout().toMillis())) {
            throw new IllegalStateException("the server did not confirm the message to " + to);
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

    XMPPConnection connection() {
        return connection;
    }

    void close() {
        connection.disconnect();
    }
}

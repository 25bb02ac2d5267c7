package dev.crosspost.xmpp;

import java.util.List;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

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

    private final XMPPTCPConnection connection;
    private final XmppProperties properties;
    private final SentLines sent;
    private final Handler handler;
    private final SessionRooms rooms;

    private XmppSession(XMPPTCPConnection connection, XmppProperties properties, SentLines sent, Handler handler) {
        this.connection = connection;
        this.properties = properties;
        this.sent = sent;
        this.handler = handler;
        this.rooms = new SessionRooms(this, connection, properties, sent, handler);
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

    /** The rooms joined on this connection. */
    SessionRooms rooms() {
        return rooms;
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

    XMPPConnection connection() {
        return connection;
    }

    void close() {
        connection.disconnect();
    }
}

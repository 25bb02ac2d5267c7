package dev.crosspost.xmpp.connection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.Jid;

/**
 * One login of the bot: a fresh Smack connection, and what the layers above keep per login (the rooms joined on
 * it: {@link #attached}). A new session is opened after every loss, so no stale room state of Smack's survives a
 * server restart (no {@code leave()} that blocks for the reply timeout).
 */
public final class XmppSession {

    /** What the session reports to its owner ({@link XmppConnection}). Called on Smack's threads: return quickly. */
    interface Handler {
        void directMessage(XmppSession session, Message message);

        void lost(XmppSession session, String why);
    }

    /** Prepares each new connection before it logs in: Smack's managers (the roster, say) are per connection. */
    public interface Setup {
        void beforeLogin(XMPPConnection connection);
    }

    private final XMPPTCPConnection connection;
    private final XmppProperties properties;
    private final Handler handler;
    private final Map<Class<?>, Object> attached = new ConcurrentHashMap<>();

    private XmppSession(XMPPTCPConnection connection, XmppProperties properties, Handler handler) {
        this.connection = connection;
        this.properties = properties;
        this.handler = handler;
    }

    /** A session not yet connected: {@link #login} connects. */
    static XmppSession create(XmppProperties p, Handler handler, List<Setup> setups) throws Exception {
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
        var session = new XmppSession(connection, p, handler);
        session.listen();
        setups.forEach(setup -> setup.beforeLogin(connection));
        return session;
    }

    /** Connects and logs in; throws when the server cannot be reached or refuses the login. */
    void login() throws Exception {
        try {
            connection.connect().login();
        } catch (Exception e) {
            connection.instantShutdown();
            throw e;
        }
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
                new AndFilter(MessageTypeFilter.NORMAL_OR_CHAT, new OrFilter(MessageWithBodiesFilter.INSTANCE,
                        stanza -> LineChange.retractedId((Message) stanza) != null)));
        var pings = PingManager.getInstanceFor(connection);
        pings.setPingInterval((int) Math.max(1, properties.pingInterval().toSeconds()));
        pings.registerPingFailedListener(() -> handler.lost(this, "keep-alive ping failed"));
    }

    public boolean isAlive() {
        return connection.isConnected() && connection.isAuthenticated();
    }

    /**
     * What a layer above keeps for this login, made on first use (as Smack's {@code getInstanceFor(connection)}):
     * it goes with the session, so nothing of a lost login is used on the next one.
     */
    public <T> T attached(Class<T> type, Function<XmppSession, T> create) {
        return type.cast(attached.computeIfAbsent(type, t -> create.apply(this)));
    }

    /**
     * Sends a direct message and then pings the server: the server answers in stream order, so the pong
     * proves it took the message.
     */
    public void tell(Jid to, String text, String originId) throws Exception {
        tell(to, text, originId, null);
    }

    /**
     * As {@link #tell(Jid, String, String)}, a message that corrects or takes back ({@code change}, else
     * {@code null}) an earlier one. The origin-id is also the stanza id (a client's correction names a message by it).
     */
    public void tell(Jid to, String text, String originId, LineChange change) throws Exception {
        var message = StanzaBuilder.buildMessage(originId).to(to).ofType(Message.Type.chat).setBody(text);
        message.addExtension(new OriginIdElement(originId));
        if (change != null) {
            change.applyTo(message);
        }
        connection.sendStanza(message.build());
        if (!PingManager.getInstanceFor(connection).pingMyServer(false, properties.replyTimeout().toMillis())) {
            throw new IllegalStateException("the server did not confirm the message to " + to);
        }
    }

    public XMPPConnection connection() {
        return connection;
    }

    void close() {
        connection.disconnect();
    }

    /** Closes the socket at once, without the stream's goodbye: nothing more leaves on this session. */
    void abort() {
        connection.instantShutdown();
    }
}

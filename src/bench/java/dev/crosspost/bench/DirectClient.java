package dev.crosspost.bench;

import java.util.function.BiConsumer;

import dev.crosspost.support.ProsodyServer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A person writing to the bot: a bare Smack client on its own account that sends direct messages to one address and
 * hears what that address writes back. A message counts as taken by the chat server once the server has answered a
 * ping sent right after it on the same stream (a server handles one client's stanzas in order): from then on the
 * server delivers it to the bot's session, or keeps it (offline storage) while the bot is away.
 */
final class DirectClient implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final EntityBareJid to;

    private DirectClient(XMPPTCPConnection connection, EntityBareJid to) {
        this.connection = connection;
        this.to = to;
    }

    /** Logs in as {@code user}; {@code onReply} gets the body and arrival time of each message {@code to} sends it. */
    static DirectClient connect(int port, String user, String to, BiConsumer<String, Long> onReply) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ProsodyServer.DOMAIN).setHost("127.0.0.1").setPort(port)
                .setUsernameAndPassword(user, ProsodyServer.password(user)).setResource("soak")
                .setSecurityMode(SecurityMode.disabled).setSendPresence(true).build();
        var connection = new XMPPTCPConnection(config);
        ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection(); // the soak connects again
        connection.setReplyTimeout(5_000);
        var bot = JidCreate.entityBareFrom(to);
        connection.addAsyncStanzaListener(s -> {
            long now = System.nanoTime();
            Message m = (Message) s;
            if (m.getBody() != null && m.getFrom() != null && bot.equals(m.getFrom().asBareJid())) {
                onReply.accept(m.getBody(), now);
            }
        }, MessageTypeFilter.NORMAL_OR_CHAT);
        try {
            connection.connect().login();
        } catch (Exception e) {
            connection.disconnect();
            throw e;
        }
        return new DirectClient(connection, bot);
    }

    /** Sends {@code text} and returns once the server has taken it; throws when that is not known. */
    void send(String text) throws Exception {
        connection.sendStanza(StanzaBuilder.buildMessage().to(to).ofType(Message.Type.chat).setBody(text).build());
        if (!PingManager.getInstanceFor(connection).pingMyServer(false)) {
            throw new IllegalStateException("the chat server did not answer the ping after the message");
        }
    }

    boolean connected() {
        return connection.isConnected() && connection.isAuthenticated();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}

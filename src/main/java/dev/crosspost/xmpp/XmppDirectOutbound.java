package dev.crosspost.xmpp;

import dev.crosspost.cluster.Leadership;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.BlockingPort;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.message.Text;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code xmpp:<JID>}: a direct message from the bot, with the outgoing id as XEP-0359 origin-id,
 * confirmed by the server before the job completes. Throws while the chat server is away, so the job is retried.
 */
@Component
class XmppDirectOutbound extends BlockingPort {

    static final String NOT_CONFIGURED = "XMPP is not configured (crosspost.xmpp.enabled=false)";

    private final XmppProperties properties;
    private final XmppConnection connection;
    private final Leadership leadership;

    XmppDirectOutbound(XmppProperties properties, XmppConnection connection, Leadership leadership) {
        this.properties = properties;
        this.leadership = leadership;
        this.connection = connection;
    }

    @Override
    public String kind() {
        return XmppChannels.ADDRESS;
    }

    /** Only the node that holds the bot sends; the others leave these sends to it. */
    @Override
    public boolean sendsHere() {
        return leadership.leads();
    }

    @Override
    public String unavailableReason() {
        return properties.enabled() ? null : NOT_CONFIGURED;
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
        EntityBareJid to;
        try {
            to = JidCreate.entityBareFrom(target.name());
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XMPP address: '" + target.name() + "'");
        }
        try {
            connection.session().tell(to, Text.oneEntry(message.text()), message.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + target, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ChannelOutage("could not send to " + target + ": " + e, e);
        }
    }
}

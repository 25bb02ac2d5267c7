package dev.crosspost.xmpp;

import dev.crosspost.cluster.Leadership;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.BlockingPort;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.OutgoingMessage;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.message.Text;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code xmpp:<JID>}: a direct message from the bot, with the outgoing id as XEP-0359 origin-id,
 * confirmed by the server before the job completes. Throws while the chat server is away, so the job is retried.
 * Corrects (XEP-0308) and takes back (XEP-0424) its messages the same way.
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
        return properties.enabled() ? null : NOT_CONFIGURED;
    }

    /** Corrections (XEP-0308) and retractions (XEP-0424) of its direct messages. */
    @Override
    public boolean changesDelivered() {
        return true;
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
        tell(target, message, null);
    }

    @Override
    public CompletableFuture<Void> correct(ChannelAddress target, OutgoingMessage correction, String replacedId) {
        return onSenders(() -> tell(target, correction, LineChange.correcting(replacedId)));
    }

    @Override
    public CompletableFuture<Void> retract(ChannelAddress target, OutgoingMessage retraction, String retractedId) {
        return onSenders(() -> tell(target, retraction, LineChange.retracting(retractedId)));
    }

    private void tell(ChannelAddress target, OutgoingMessage message, LineChange change) {
        EntityBareJid to;
        try {
            to = JidCreate.entityBareFrom(target.name());
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XMPP address: '" + target.name() + "'");
        }
        try {
            connection.session().tell(to, Text.oneEntry(message.text()), message.id(), change);
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

package dev.crosspost.xmpp;

import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.MessageChanges;
import dev.crosspost.message.MessageLog;
import dev.crosspost.message.Text;
import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.Stanzas;
import org.jivesoftware.smack.packet.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A correction (XEP-0308) or a retraction (XEP-0424, {@code :0} fastened or {@code :1}) of a line that was taken in
 * from a room or a direct message changes that message ({@link MessageChanges}: the shout it became, and its copies
 * elsewhere). Only the address that wrote the line (the occupant's real JID, the direct message's sender) may change
 * it; anyone else's attempt changes nothing and is logged at INFO. The bot's own corrections never come here (its
 * echoes are known by origin-id), and a change does not run the queue again.
 */
@Component
class InboundChanges {

    private static final Logger log = LoggerFactory.getLogger(InboundChanges.class);

    private final MessageLog messages;
    private final MessageChanges changes;
    private final TransactionTemplate tx;

    InboundChanges(MessageLog messages, MessageChanges changes, TransactionTemplate tx) {
        this.messages = messages;
        this.changes = changes;
        this.tx = tx;
    }

    /** The ids to keep with a message taken in, so that a later change of it finds it. */
    static void keepIds(Map<String, String> attributes, Message message, String author) {
        if (message.getStanzaId() != null) {
            attributes.put(MessageLog.WIRE_ID, message.getStanzaId());
        }
        String originId = Stanzas.originId(message);
        if (originId != null) {
            attributes.put(MessageLog.ORIGIN_ID, originId);
        }
        if (author != null) {
            attributes.put(MessageLog.AUTHOR_ADDRESS, author);
        }
    }

    /**
     * Whether {@code message} is a change of an earlier message on {@code channel} (then it is done here, or ignored,
     * and is no new line); {@code author}: the sender's bare real JID, {@code null} when unknown.
     */
    boolean handled(ChannelAddress channel, Message message, String author) {
        String retracted = LineChange.retractedId(message);
        String corrected = retracted == null ? LineChange.correctedId(message) : null;
        if (retracted == null && corrected == null) {
            return false;
        }
        String what = retracted != null ? "retraction of " + retracted : "correction of " + corrected;
        if (author == null) {
            log.info("in  {} {} from {}: ignored, the sender's real JID is not known", channel, what,
                    message.getFrom());
            return true;
        }
        var written = messages.written(channel, retracted != null ? retracted : corrected, author);
        if (written.isEmpty()) {
            log.info("in  {} {} from {}: no such message was taken in; nothing changed", channel, what, author);
        } else if (!author.equalsIgnoreCase(String.valueOf(written.get().authorAddress()))) {
            log.info("in  {} {} from {}: ignored, message {} was written by someone else", channel, what, author,
                    written.get().messageId());
        } else {
            change(channel, written.get().messageId(), retracted != null ? null : newText(message), what);
        }
        return true;
    }

    /** The corrected text as it is taken in: a direct message's post to a team without the command. */
    private static String newText(Message message) {
        String text = Text.clean(message.getBody());
        return DirectPost.isPost(text) ? DirectPost.parse(text).map(DirectPost::text).orElse("") : text;
    }

    private void change(ChannelAddress channel, String messageId, String newText, String what) {
        if (newText != null && newText.isEmpty()) {
            log.info("in  {} {}: the corrected text is empty; nothing changed", channel, what);
            return;
        }
        try {
            tx.executeWithoutResult(s -> {
                if (newText == null) {
                    changes.removed(messageId);
                } else {
                    changes.edited(messageId, newText);
                }
            });
            log.info("in  {} {}: message {} {}", channel, what, messageId, newText == null ? "removed" : "edited");
        } catch (RuntimeException e) {
            log.warn("in  {} {}: message {} NOT changed: {}", channel, what, messageId, e.toString());
        }
    }
}

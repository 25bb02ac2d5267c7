package dev.crosspost.xmpp.connection;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.fallback_indication.element.FallbackIndicationElement;
import org.jivesoftware.smackx.message_correct.element.MessageCorrectExtension;
import org.jivesoftware.smackx.message_fastening.element.FasteningElement;
import org.jivesoftware.smackx.message_retraction.MessageRetractionManager;
import org.jivesoftware.smackx.message_retraction.element.RetractElement;
import org.jivesoftware.smackx.sid.element.OriginIdElement;

/**
 * A message that changes an earlier one of the same sender: corrects it (XEP-0308, {@code <replace id=…/>}, the
 * earlier message's stanza id) or takes it back (XEP-0424). Written with Smack's own support; read in both forms a
 * client may send.
 *
 * @param retract whether it takes the line back (else it corrects it)
 * @param lineId  the id of the line it changes: the bot's lines carry the same value as stanza id and origin-id
 */
public record LineChange(boolean retract, String lineId) {

    /** XEP-0424's current form: {@code <retract xmlns='urn:xmpp:message-retract:1' id='…'/>}. */
    static final String RETRACT_1 = "urn:xmpp:message-retract:1";

    public static LineChange correcting(String lineId) {
        return new LineChange(false, lineId);
    }

    public static LineChange retracting(String lineId) {
        return new LineChange(true, lineId);
    }

    /**
     * Marks the message being built as this change. A retraction is XEP-0424's {@code urn:xmpp:message-retract:0}
     * fastened to the line's origin-id (XEP-0422), as Smack writes it, with a fallback indication (XEP-0428): its body
     * is for clients that do not understand it.
     */
    public void applyTo(MessageBuilder message) {
        if (retract) {
            MessageRetractionManager.addRetractionElementToMessage(new OriginIdElement(lineId), message);
            message.addExtension(new FallbackIndicationElement());
        } else {
            message.addExtension(new MessageCorrectExtension(lineId));
        }
    }

    /** The id of the message {@code message} corrects (XEP-0308), or {@code null}. */
    public static String correctedId(Message message) {
        MessageCorrectExtension replace = MessageCorrectExtension.from(message);
        return replace == null ? null : replace.getIdInitialMessage();
    }

    /**
     * The id of the message {@code message} takes back: XEP-0424 {@code :0} (fastened, XEP-0422) or {@code :1}; or
     * {@code null}.
     */
    public static String retractedId(Message message) {
        for (ExtensionElement e : message.getExtensions()) {
            if (e instanceof FasteningElement f && f.getWrappedPayloads().stream()
                    .anyMatch(p -> RetractElement.NAMESPACE.equals(p.getNamespace())
                            && RetractElement.ELEMENT.equals(p.getElementName()))) {
                return f.getReferencedStanzasOriginId() == null ? null : f.getReferencedStanzasOriginId().getId();
            }
            if (RETRACT_1.equals(e.getNamespace()) && "retract".equals(e.getElementName())
                    && e instanceof StandardExtensionElement s) {
                return s.getAttributeValue("id");
            }
        }
        return null;
    }
}

package dev.crosspost.xmpp.connection;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;

/** Reading the XEP-0359 ids and the XEP-0203 delay of a message, whichever way Smack parsed them. */
public final class Stanzas {

    private static final String SID = "urn:xmpp:sid:0";

    private Stanzas() {
    }

    /** The origin-id its sender set, or {@code null}. */
    public static String originId(Message message) {
        for (ExtensionElement e : message.getExtensions(OriginIdElement.ELEMENT, SID)) {
            String id = e instanceof OriginIdElement o ? o.getId() : attribute(e, "id");
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    /** The stanza-id that {@code by} (a room, a server) gave the message, or {@code null}. */
    public static String stanzaIdBy(Message message, String by) {
        for (ExtensionElement e : message.getExtensions(StanzaIdElement.ELEMENT, SID)) {
            String idBy = e instanceof StanzaIdElement s ? s.getBy() : attribute(e, "by");
            String id = e instanceof StanzaIdElement s ? s.getId() : attribute(e, "id");
            if (id != null && by.equalsIgnoreCase(idBy)) {
                return id;
            }
        }
        return null;
    }

    /** Whether the message is history or otherwise delayed (XEP-0203). */
    public static boolean delayed(Message message) {
        return DelayInformation.from(message) != null
                || message.getExtensionElement("x", "jabber:x:delay") != null;
    }

    private static String attribute(ExtensionElement e, String name) {
        return e instanceof StandardExtensionElement s ? s.getAttributeValue(name) : null;
    }
}

package dev.crosspost.xmpp.room;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0410 self-pings of the bot's own occupant in the rooms of one {@link SessionRooms}. */
final class RoomPing {

    /** The answer of an XEP-0410 self-ping. */
    enum RoomState { JOINED, NOT_JOINED, UNKNOWN }

    private final XMPPConnection connection;

    RoomPing(XMPPConnection connection) {
        this.connection = connection;
    }

    /**
     * XEP-0410: pings the bot's own occupant of {@code muc} (the room's, {@code null} when the bot never entered
     * it); the room answers with an error when the bot is no longer in it.
     */
    RoomState selfPing(MultiUserChat muc, EntityBareJid room) throws InterruptedException {
        if (muc == null || !muc.isJoined() || muc.getNickname() == null) {
            return RoomState.NOT_JOINED;
        }
        try {
            StanzaError.Condition c = ping(muc, room);
            if (c == null || c == StanzaError.Condition.service_unavailable
                    || c == StanzaError.Condition.feature_not_implemented) {
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

    /** Pings the bot's own occupant: {@code null} when the room answers with a result, else its error. */
    StanzaError.Condition ping(MultiUserChat muc, EntityBareJid room)
            throws SmackException, InterruptedException {
        try {
            connection.sendIqRequestAndWaitForResponse(new Ping(JidCreate.entityFullFrom(room, muc.getNickname())));
            return null;
        } catch (XMPPException.XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        }
    }
}

package dev.crosspost.xmpp.room;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.crosspost.xmpp.connection.XmppSession;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the bot sees its rooms' occupants' real JIDs, checked on every join: a room line is credited to a member
 * only through the occupant's real JID, so in a room that hides them everyone is a guest. Real JIDs are visible in
 * a non-anonymous room ({@code muc#roomconfig_whois = anyone}), and in a semi-anonymous one ({@code moderators})
 * while the bot is a moderator there (as the owner of a room it made). The rooms the bot creates it makes
 * non-anonymous ({@link #configureNew}).
 */
@Component
public class RoomIdentity {

    static final String WHOIS = "muc#roomconfig_whois";
    private static final Logger log = LoggerFactory.getLogger(RoomIdentity.class);

    private final Map<EntityBareJid, Boolean> realJidsVisible = new ConcurrentHashMap<>();

    RoomIdentity(Rooms joiner) {
        joiner.onJoin(this::check);
    }

    /** Rooms in which the bot does not see real JIDs (their lines all count as guests'), by room JID. */
    public Set<String> hidingRealJids() {
        Map<String, Boolean> sorted = new TreeMap<>();
        realJidsVisible.forEach((room, visible) -> sorted.put(room.toString(), visible));
        sorted.values().removeIf(Boolean::booleanValue);
        return sorted.keySet();
    }

    /** Submits a new room's configuration with real JIDs visible to everyone; the room is open after that. */
    static void configureNew(MultiUserChat muc, MultiUserChat.MucCreateConfigFormHandle created) throws Exception {
        var form = muc.getConfigurationForm().getFillableForm();
        try {
            form.setAnswer(WHOIS, "anyone");
        } catch (IllegalArgumentException noSuchField) {
            log.warn("xmpp room {} has no {} setting: made as the server's default instant room", muc.getRoom(), WHOIS);
            created.makeInstant();
            return;
        }
        muc.sendConfigurationForm(form);
    }

    private void check(XmppSession session, EntityBareJid room, HistoryJoin.Joined joined) {
        boolean visible;
        try {
            visible = visible(session.connection(), room);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("xmpp could not tell whether room {} shows real JIDs: {}", room, e.toString());
            visible = false;
        }
        Boolean before = realJidsVisible.put(room, visible);
        if (!visible && !Boolean.FALSE.equals(before)) {
            log.warn("xmpp room {} hides its occupants' real JIDs from the bot: every line there counts as a guest's."
                    + " Make the room non-anonymous ({} = anyone), or the bot a moderator", room, WHOIS);
        }
    }

    private static boolean visible(XMPPConnection connection, EntityBareJid room) throws Exception {
        var manager = MultiUserChatManager.getInstanceFor(connection);
        if (manager.getRoomInfo(room).isNonanonymous()) {
            return true;
        }
        MultiUserChat muc = manager.getMultiUserChat(room);
        if (muc.getNickname() == null) {
            return false;
        }
        Occupant self = muc.getOccupant(JidCreate.entityFullFrom(room, muc.getNickname()));
        return self != null && self.getRole() == MUCRole.moderator;
    }
}

package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppProperties;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a join, what the room said while no node held the bot (a failover, a restart, a lost connection): the lines of
 * the room's archive (XEP-0313) since the newest line Crosspost took in from the room (less the clock margin,
 * {@link ArchiveRead#MARGIN}), never further back than {@code crosspost.xmpp.catch-up}, up to the start of the
 * catch-up, page by page. Each goes to the {@link Rooms.LineListener}s as a late line, with the room's stanza-id
 * (the archive's id: the same external id as a line heard live, so a line taken in twice is one message) and the
 * real JID the archive shows (only a room that shows real JIDs shows them). The bot's own lines are left out: by
 * origin-id (this run's), by the bot's real JID, and by the bot's nickname when the archive shows no real JID.
 * A room with no line taken in yet is not caught up: its history is no one's gap.
 */
final class RoomCatchUp {

    private static final Logger log = LoggerFactory.getLogger(RoomCatchUp.class);

    private final XmppProperties properties;
    private final Rooms.LineListener lines;

    RoomCatchUp(XmppProperties properties, Rooms.LineListener lines) {
        this.properties = properties;
        this.lines = lines;
    }

    /**
     * Takes in what the room said since the newest line taken in from it; {@code ownLine}: an origin-id of the
     * bot's. Logs and gives up when the archive does not answer (the join stands).
     */
    void catchUp(MultiUserChat muc, EntityBareJid room, Predicate<String> ownLine) {
        if (properties.catchUp().isZero() || muc == null) {
            return;
        }
        try {
            Optional<Instant> newest = lines.newestTakenIn(room); // the database; it may be away
            if (newest.isEmpty()) {
                return;
            }
            Instant until = Instant.now();
            Instant from = ArchiveCatchUp.from(newest.get(), properties.catchUp(), until);
            MamManager mam = MamManager.getInstanceFor(muc);
            if (!mam.isSupported()) {
                return;
            }
            int taken = ArchiveCatchUp.read(mam, from, until, ids -> lines.takenIn(room, ids),
                    result -> take(room, result, ownLine));
            log.info("xmpp room {}: caught up from {}: {} line(s) from the archive", room, from, taken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the join stands; what the room said meanwhile is not taken in
            log.warn("xmpp room {}: could not catch up from the archive: {}", room, e.toString());
        }
    }

    private boolean take(EntityBareJid room, MamResultExtension result, Predicate<String> ownLine) {
        Message message = result.getForwarded().getForwardedStanza();
        if (message == null || (message.getBody() == null && LineChange.retractedId(message) == null)
                || message.getFrom() == null || !message.getFrom().hasResource()
                || ownLine.test(Stanzas.originId(message))) {
            return false;
        }
        MUCUser user = MUCUser.from(message);
        Jid realJid = user == null || user.getItem() == null ? null : user.getItem().getJid();
        if (isBot(message.getFrom().getResourceOrEmpty().toString(), realJid)) {
            return false;
        }
        if (Stanzas.stanzaIdBy(message, room.toString()) == null) {
            message = message.asBuilder().addExtension(new StanzaIdElement(result.getId(), room.toString())).build();
        }
        lines.said(room, message, realJid, true);
        return true;
    }

    /** Whether the bot said it: its real JID, or its nickname where the archive shows no real JID. */
    private boolean isBot(String nickname, Jid realJid) {
        if (realJid != null) {
            return realJid.asBareJid().toString().equalsIgnoreCase(properties.botJid());
        }
        return nickname.equals(properties.nickname());
    }
}

package dev.crosspost.xmpp.room;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.connection.XmppSession;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The rooms one {@link XmppSession} joined: joining (and the bot's lines in the history a join replays:
 * {@link HistoryJoin}), putting lines on the wire ({@link #wire}), telling its own lines (by origin-id, matched
 * by the room's {@link RoomWindow}, and by occupant) from the others' lines, which go to the
 * {@link Rooms.LineListener}, XEP-0410 self-ping ({@link RoomPing}).
 */
final class SessionRooms {

    private final XmppSession session;
    private final XMPPConnection connection;
    private final Function<EntityBareJid, RoomWindow> windows;
    private final Rooms.LineListener lines;
    private final Map<EntityBareJid, MultiUserChat> rooms = new ConcurrentHashMap<>();
    private final HistoryJoin joins;
    private final RoomPing pings;

    SessionRooms(XmppSession session, XmppProperties properties, Function<EntityBareJid, RoomWindow> windows,
                 Rooms.LineListener lines) {
        this.session = session;
        this.connection = session.connection();
        this.windows = windows;
        this.lines = lines;
        this.joins = new HistoryJoin(properties);
        this.pings = new RoomPing(connection);
    }

    XmppSession session() {
        return session;
    }

    /** The nicknames in the room now as the bot sees them, its own left out; empty when it is not in the room. */
    List<String> occupants(EntityBareJid room) {
        MultiUserChat muc = rooms.get(room);
        if (muc == null || !muc.isJoined()) {
            return List.of();
        }
        String own = String.valueOf(muc.getNickname());
        return muc.getOccupants().stream().map(o -> o.getResourceOrEmpty().toString())
                .filter(nick -> !nick.isEmpty() && !nick.equals(own)).sorted().toList();
    }

    boolean isJoined(EntityBareJid room) {
        MultiUserChat muc = rooms.get(room);
        return muc != null && muc.isJoined();
    }

    /**
     * Joins the room with its recent history ({@link HistoryJoin#join}). Returns once the history is in, or
     * {@code null} when the bot is in the room already.
     */
    synchronized HistoryJoin.Joined join(EntityBareJid room) throws Exception {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
        if (muc.isJoined()) {
            return null;
        }
        if (rooms.putIfAbsent(room, muc) == null) {
            muc.addMessageListener(message -> heard(room, muc, message));
        }
        return joins.join(muc, room, () -> awaitHistory(muc, room));
    }

    /** Every message of the room, on Smack's thread: history of a join, the echo of the bot's line, or a line. */
    private void heard(EntityBareJid room, MultiUserChat muc, Message message) {
        joins.heard(room, message);
        Occupant sender = message.getFrom() == null || !message.getFrom().hasResource()
                ? null : muc.getOccupant(message.getFrom().asEntityFullJidIfPossible());
        if ((message.getBody() == null && LineChange.retractedId(message) == null) || Stanzas.delayed(message)
                || message.getFrom() == null
                || !message.getFrom().hasResource()
                || windows.apply(room).own(Stanzas.originId(message))
                || isOwnOccupant(room, message.getFrom(), sender)) {
            return; // history, room notices, the bot's own lines (an echo completes its send)
        }
        lines.said(room, message, sender == null ? null : sender.getJid(), false);
    }

    private void awaitHistory(MultiUserChat muc, EntityBareJid room) throws InterruptedException {
        try {
            pings.ping(muc, room);
        } catch (SmackException e) {
            dropRoom(room);
            throw new IllegalStateException("room " + room + " did not answer after the join; joining again later");
        }
    }

    /**
     * The join through which the bot is in the room, if it began after {@code since} ({@link System#nanoTime()};
     * {@code null}: any join on this session), else {@code null}. Waits for a join of this session under way: the
     * room counts as joined on its presence, before the join's history is in.
     */
    synchronized HistoryJoin.Joined joinedSince(EntityBareJid room, Long since) {
        HistoryJoin.Joined last = joins.last(room);
        return isJoined(room) && last != null && (since == null || last.startedAt() - since > 0) ? last : null;
    }

    /** When the last join of the room on this session that got its history began, or {@code null}; does not wait. */
    Long joinedAt(EntityBareJid room) {
        HistoryJoin.Joined last = joins.last(room);
        return last == null ? null : last.startedAt();
    }

    /** Whether a line comes from the bot's own occupant in that room (not merely from its nickname's text). */
    private boolean isOwnOccupant(EntityBareJid room, Jid from, Occupant occupant) {
        MultiUserChat muc = rooms.get(room);
        if (muc == null || !muc.isJoined() || from == null || muc.getNickname() == null) {
            return false;
        }
        boolean ownOccupantJid = from.equals(JidCreate.entityFullFrom(room, muc.getNickname()));
        Jid realJid = occupant == null ? null : occupant.getJid();
        // A room that shows real JIDs confirms it; an anonymous one leaves only the occupant JID, which the
        // room gives to one occupant at a time.
        return ownOccupantJid && (realJid == null || realJid.equals(connection.getUser()));
    }

    /** The room's wire on this session: lines said one after another on it are said in the room in that order. */
    RoomWindow.Wire wire(EntityBareJid room) {
        return new RoomWindow.Wire() {
            @Override
            public Object session() {
                return session;
            }

            @Override
            public boolean joined() {
                return isJoined(room);
            }

            @Override
            public void say(String text, String originId, LineChange change) throws Exception {
                MultiUserChat muc = rooms.get(room);
                if (muc == null || !muc.isJoined()) {
                    throw new IllegalStateException("the bot is not in room " + room);
                }
                // the origin-id is also the stanza id: a client's XEP-0308 correction names the line by the latter
                var message = StanzaBuilder.buildMessage(originId).to(room).ofType(Message.Type.groupchat)
                        .setBody(text);
                message.addExtension(new OriginIdElement(originId));
                if (change != null) {
                    change.applyTo(message);
                }
                muc.sendMessage(message);
            }
        };
    }

    /** The room's chat on this session, for its archive (XEP-0313); {@code null} when the bot never joined it. */
    MultiUserChat chat(EntityBareJid room) {
        return rooms.get(room);
    }

    /** XEP-0410: whether the bot is still in the room ({@link RoomPing#selfPing}). */
    RoomPing.RoomState selfPing(EntityBareJid room) throws InterruptedException {
        return pings.selfPing(rooms.get(room), room);
    }

    /** Leaves the room, waiting for its answer (at most the reply timeout); the bot is out of it either way. */
    void leave(EntityBareJid room) {
        MultiUserChat muc = rooms.get(room);
        if (muc != null && muc.isJoined()) {
            try {
                muc.leave();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception ignored) {
                // Smack forgets the membership even when the room does not answer
            }
        }
    }

    /** Forgets a room whose membership the bot lost, so that the next {@link #join} enters it afresh. */
    void dropRoom(EntityBareJid room) {
        if (isJoined(room)) {
            // leave() would wait for an answer that never comes; the room already dropped us.
            Thread leaving = new Thread(() -> leave(room), "xmpp-leave-" + room);
            leaving.setDaemon(true);
            leaving.start();
        }
    }
}

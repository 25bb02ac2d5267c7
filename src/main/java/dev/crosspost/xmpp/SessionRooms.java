package dev.crosspost.xmpp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The rooms one {@link XmppSession} joined: joining (and the bot's lines in the history a join replays), saying
 * lines, telling its own lines, XEP-0410 self-ping.
 */
final class SessionRooms {

    /** History asked for on a join beyond the room window: others may have talked since the bot's lines. */
    private static final int HISTORY_BESIDE_WINDOW = 50;

    /** The answer of an XEP-0410 self-ping. */
    enum RoomState { JOINED, NOT_JOINED, UNKNOWN }

    private final XmppSession session;
    private final XMPPTCPConnection connection;
    private final XmppProperties properties;
    private final SentLines sent;
    private final XmppSession.Handler handler;
    private final Map<EntityBareJid, MultiUserChat> rooms = new ConcurrentHashMap<>();
    private final Map<EntityBareJid, Long> joinedAt = new ConcurrentHashMap<>();
    /** The origin-ids of the history of each room being joined, as it comes in. */
    private final Map<EntityBareJid, Set<String>> replaying = new ConcurrentHashMap<>();

    SessionRooms(XmppSession session, XMPPTCPConnection connection, XmppProperties properties, SentLines sent,
                 XmppSession.Handler handler) {
        this.session = session;
        this.connection = connection;
        this.properties = properties;
        this.sent = sent;
        this.handler = handler;
    }

    boolean isJoined(EntityBareJid room) {
        MultiUserChat muc = rooms.get(room);
        return muc != null && muc.isJoined();
    }

    /**
     * What a join of a room found: whether it created the room, when it began ({@link System#nanoTime()}), and
     * the origin-ids in the history the room replayed. Every line the bot sent to the room before the join
     * began, and that the room took, is in that history unless the room keeps too little of it.
     */
    record Joined(boolean created, long startedAt, Set<String> replayed) {
    }

    /**
     * Joins the room, with the room's recent history: a room that did not exist is created as an instant room,
     * because Prosody keeps a new room locked (nobody else can join) until its owner configures it. Returns once
     * the history is in, or {@code null} when the bot is in the room already.
     */
    synchronized Joined join(EntityBareJid room) throws Exception {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
        if (muc.isJoined()) {
            return null;
        }
        if (rooms.putIfAbsent(room, muc) == null) {
            muc.addMessageListener(message -> heard(room, muc, message));
        }
        long startedAt = System.nanoTime();
        Set<String> replayed = ConcurrentHashMap.newKeySet();
        replaying.put(room, replayed);
        try {
            var enter = muc.getEnterConfigurationBuilder(Resourcepart.from(properties.nickname()))
                    .requestMaxStanzasHistory(properties.roomWindow() + HISTORY_BESIDE_WINDOW)
                    .timeoutAfter(properties.replyTimeout().toMillis())
                    .build();
            var created = muc.createOrJoin(enter);
            if (created != null) {
                created.makeInstant();
            } else {
                // Smack returns on the room's presence, before the history that follows it. The room answers a
                // ping after all it sent on the join, and Smack runs the listeners of earlier stanzas first.
                awaitHistory(muc, room);
            }
            joinedAt.put(room, startedAt);
            return new Joined(created != null, startedAt, Set.copyOf(replayed));
        } finally {
            replaying.remove(room);
        }
    }

    private void heard(EntityBareJid room, MultiUserChat muc, Message message) {
        Set<String> history = replaying.get(room);
        String originId = Stanzas.originId(message);
        if (history != null && originId != null && Stanzas.delayed(message)) {
            history.add(originId);
        }
        handler.roomMessage(session, room, message, message.getFrom() == null || !message.getFrom().hasResource()
                ? null : muc.getOccupant(message.getFrom().asEntityFullJidIfPossible()));
    }

    private void awaitHistory(MultiUserChat muc, EntityBareJid room) throws InterruptedException {
        try {
            ping(muc, room);
        } catch (SmackException e) {
            dropRoom(room);
            throw new IllegalStateException("room " + room + " did not answer after the join; joining again later");
        }
    }

    /** Whether the bot is in the room through a join that began after {@code since} ({@link System#nanoTime()}). */
    boolean joinedAfter(EntityBareJid room, long since) {
        Long at = joinedAt.get(room);
        return isJoined(room) && at != null && at - since > 0;
    }

    /** Whether a line comes from the bot's own occupant in that room (not merely from its nickname's text). */
    boolean isOwnOccupant(EntityBareJid room, Jid from, Occupant occupant) {
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

    /**
     * Says {@code text} in the room with origin-id {@code originId} and waits until the room echoes it back,
     * which proves the room took the line. Throws when it cannot, so the caller's job is retried.
     */
    void say(EntityBareJid room, String text, String originId) throws Exception {
        var echo = send(room, text, originId);
        try {
            echo.get(properties.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("room " + room + " did not echo the line within "
                    + properties.replyTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to room " + room + " failed", e.getCause());
        } finally {
            sent.forget(originId);
        }
    }

    /**
     * Says {@code text} in the room without waiting: the returned future completes when the room echoes the line
     * (the caller times it out and then calls {@link SentLines#forget}). Lines sent one after another on this
     * connection are said in the room in that order. Throws at once when the bot is not in the room.
     */
    CompletableFuture<Void> send(EntityBareJid room, String text, String originId) throws Exception {
        MultiUserChat muc = rooms.get(room);
        if (muc == null || !muc.isJoined()) {
            throw new IllegalStateException("the bot is not in room " + room);
        }
        var echo = sent.sending(originId);
        try {
            var message = muc.buildMessage().setBody(text);
            message.addExtension(new OriginIdElement(originId));
            muc.sendMessage(message);
            return echo;
        } catch (Exception e) {
            sent.forget(originId);
            throw e;
        }
    }

    /** XEP-0410: pings the bot's own occupant; the room answers with an error when the bot is no longer in it. */
    RoomState selfPing(EntityBareJid room) throws InterruptedException {
        MultiUserChat muc = rooms.get(room);
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
    private StanzaError.Condition ping(MultiUserChat muc, EntityBareJid room)
            throws SmackException, InterruptedException {
        try {
            connection.sendIqRequestAndWaitForResponse(new Ping(JidCreate.entityFullFrom(room, muc.getNickname())));
            return null;
        } catch (XMPPException.XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        }
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

package dev.crosspost.xmpp.room;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppProperties;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The joins of the rooms of one {@link SessionRooms}, each with the room's recent history: when each began, and
 * the origin-ids in the history a join replays, collected as it comes in (the bot's lines among them tell which
 * lines the room took before the join).
 */
final class HistoryJoin {

    /** History asked for on a join beyond the room window: others may have talked since the bot's lines. */
    private static final int HISTORY_BESIDE_WINDOW = 50;

    /**
     * What a join of a room found: whether it created the room, when it began ({@link System#nanoTime()}), and
     * the origin-ids in the history the room replayed. Every line the bot sent to the room before the join
     * began, and that the room took, is in that history unless the room keeps too little of it.
     */
    record Joined(boolean created, long startedAt, Set<String> replayed) {
    }

    /** Waits until the room sent all it sends on the join; throws when the room does not answer. */
    interface HistoryWait {
        void await() throws InterruptedException;
    }

    private final XmppProperties properties;
    private final Map<EntityBareJid, Joined> lastJoins = new ConcurrentHashMap<>();
    /** The origin-ids of the history of each room being joined, as it comes in. */
    private final Map<EntityBareJid, Set<String>> replaying = new ConcurrentHashMap<>();

    HistoryJoin(XmppProperties properties) {
        this.properties = properties;
    }

    /**
     * Joins the room, with the room's recent history: a room that did not exist is created and configured at once
     * (non-anonymous: {@link RoomIdentity#configureNew}), because Prosody keeps a new room locked (nobody else can
     * join) until its owner configures it. Returns once the history is in.
     */
    Joined join(MultiUserChat muc, EntityBareJid room, HistoryWait awaitHistory) throws Exception {
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
                RoomIdentity.configureNew(muc, created);
            } else {
                // Smack returns on the room's presence, before the history that follows it. The room answers a
                // ping after all it sent on the join, and Smack runs the listeners of earlier stanzas first.
                awaitHistory.await();
            }
            var joined = new Joined(created != null, startedAt, Set.copyOf(replayed));
            lastJoins.put(room, joined);
            return joined;
        } finally {
            replaying.remove(room);
        }
    }

    /** A message heard in the room: its origin-id is kept when it is history that a join of the room replays. */
    void heard(EntityBareJid room, Message message) {
        Set<String> history = replaying.get(room);
        String originId = Stanzas.originId(message);
        if (history != null && originId != null && Stanzas.delayed(message)) {
            history.add(originId);
        }
    }

    /** The last join of the room that got its history, or {@code null}. */
    Joined last(EntityBareJid room) {
        return lastJoins.get(room);
    }
}

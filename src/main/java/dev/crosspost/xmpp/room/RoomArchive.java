package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smackx.mam.MamManager;
import org.jxmpp.jid.EntityBareJid;
import org.springframework.stereotype.Component;

/**
 * Whether a room said one of the bot's lines (by its origin-id): asked before a line whose earlier attempt may
 * have arrived is said again. Reads the room's archive (XEP-0313 MAM, Prosody's {@code mod_muc_mam}) from its
 * newest end back, and never further back than 10 s before the line was written (the clocks of Crosspost's nodes
 * and the chat server must agree that well): the first question is the newest page since then, the next ones the
 * pages before it, down to that time ({@link ArchiveRead}). What was read is kept; later checks read only what the
 * room said since and, if they need to, further back. The lines a check is about were said just before a crash or
 * a lost connection, so one or two pages usually settle it, however long the archive. A check reads the new end
 * again only when its line may have gone out after the last such read began: the window of lines whose echoes a
 * stalled server held back, or the lines a restart takes over, cost one query, not one each (every query stalls
 * Prosody's one thread while it loads the archive, and the echoes of the next lines with it; its file storage
 * loads the whole archive for every question, bounded or not, its SQL storage reads what the bounds say).
 * <p>
 * A room whose server keeps no archive is judged by the history a join replays: the last join's history when the
 * line's last unanswered attempt was before that join (after a restart, every attempt was), else a fresh join.
 * That history is short (the room window plus 50 lines): a line said longer ago looks unsaid and is said again.
 */
@Component
public class RoomArchive {

    private final Rooms joiner;
    private final Map<EntityBareJid, ArchiveRead> reads = new ConcurrentHashMap<>();
    private final Map<EntityBareJid, Boolean> archived = new ConcurrentHashMap<>();

    public RoomArchive(Rooms joiner) {
        this.joiner = joiner;
    }

    /**
     * Whether the room said the bot's line with this origin-id, in an attempt made after {@code since}. Blocks
     * for the server's answers; throws when the bot is offline or the room does not answer (ask again later).
     */
    public boolean said(EntityBareJid room, String originId, Instant since) throws Exception {
        if (joiner.window(room).echoed(originId)) {
            return true; // its echo came in this run
        }
        SessionRooms rooms = joiner.joined(room);
        MamManager mam = MamManager.getInstanceFor(rooms.chat(room));
        if (archived.computeIfAbsent(room, r -> supported(mam))) {
            return inArchive(room, rooms.joinedAt(room), mam, originId, since);
        }
        return inJoinHistory(room, originId);
    }

    private static boolean supported(MamManager mam) {
        try {
            return mam.isSupported();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the room did not say whether it keeps an archive: " + e, e);
        }
    }

    /** {@code joinedAt}: when the join through which the bot is in the room began, {@code null}: not known. */
    private boolean inArchive(EntityBareJid room, Long joinedAt, MamManager mam, String originId, Instant since)
            throws Exception {
        Long wentOut = joiner.window(room).wentOutUnanswered(originId);
        return reads.computeIfAbsent(room, r -> new ArchiveRead(r.toString()))
                .holds(new MamPages(mam), originId, since, lastPossibleTry(wentOut, joinedAt));
    }

    /**
     * When the line may last have gone out ({@link System#nanoTime()}): at this process's last unanswered attempt
     * ({@code wentOut}, {@code null}: none), or, by another node (or this one before a restart) while it held the bot,
     * at any time before this process's bot joined the room now ({@code joinedAt}, {@code null}: not known, so now):
     * since the join no other node speaks (the takeover waits out the last holder). A node that had read the archive
     * before another node held the bot must read its new end again: with the process's start as the bound, the soak's
     * {@code kill -9} of a holder and a PostgreSQL restart had the taking-over node miss lines the room had said, and
     * say them twice.
     */
    static long lastPossibleTry(Long wentOut, Long joinedAt) {
        long joined = joinedAt != null ? joinedAt : System.nanoTime();
        return wentOut == null || joined - wentOut > 0 ? joined : wentOut;
    }

    private boolean inJoinHistory(EntityBareJid room, String originId) throws Exception {
        Long unanswered = joiner.window(room).wentOutUnanswered(originId);
        return joiner.rejoin(room, unanswered).replayed().contains(originId);
    }
}

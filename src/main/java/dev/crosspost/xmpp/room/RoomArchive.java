package dev.crosspost.xmpp.room;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppSession;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a room said one of the bot's lines (by its origin-id): asked before a line whose earlier attempt may
 * have arrived is said again. Reads the room's archive (XEP-0313 MAM, Prosody's {@code mod_muc_mam}) from a
 * minute before the earlier attempt on, however many lines were said since. Each room's archive is read once and
 * then only its newer end, so that the hundreds of lines a restart takes over cost one scan, not one each.
 * <p>
 * A room whose server keeps no archive is judged by the history a join replays: the last join's history when the
 * line's last unanswered attempt was before that join (after a restart, every attempt was), else a fresh join.
 * That history is short (the room window plus 50 lines): a line said longer ago looks unsaid and is said again.
 */
@Component
public class RoomArchive {

    private static final Duration MARGIN = Duration.ofMinutes(1);
    private static final int PAGE = 100;
    private static final int REMEMBERED = 200_000;
    private static final Logger log = LoggerFactory.getLogger(RoomArchive.class);

    /** What was read of one room's archive: from when, up to which archive id, and the origin-ids in it. */
    private static final class Read {
        Instant from;
        String lastUid;
        final Set<String> originIds = new HashSet<>();
    }

    private record LastJoin(XmppSession session, HistoryJoin.Joined joined) {
    }

    private final XmppConnection connection;
    private final RoomJoiner joiner;
    private final Map<EntityBareJid, Read> reads = new ConcurrentHashMap<>();
    private final Map<EntityBareJid, Boolean> archived = new ConcurrentHashMap<>();
    private final Map<EntityBareJid, LastJoin> lastJoins = new ConcurrentHashMap<>();

    public RoomArchive(XmppConnection connection, RoomJoiner joiner) {
        this.connection = connection;
        this.joiner = joiner;
        joiner.onJoin((session, room, joined) -> lastJoins.put(room, new LastJoin(session, joined)));
    }

    /**
     * Whether the room said the bot's line with this origin-id, in an attempt made after {@code since}. Blocks
     * for the server's answers; throws when the bot is offline or the room does not answer (ask again later).
     */
    public boolean said(EntityBareJid room, String originId, Instant since) throws Exception {
        if (joiner.window(room).echoed(originId)) {
            return true; // its echo came in this run
        }
        MultiUserChat chat = joiner.joined(room).chat(room);
        MamManager mam = MamManager.getInstanceFor(chat);
        if (archived.computeIfAbsent(room, r -> supported(mam))) {
            return inArchive(room, mam, originId, since == null ? Instant.EPOCH : since.minus(MARGIN));
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

    private boolean inArchive(EntityBareJid room, MamManager mam, String originId, Instant from) throws Exception {
        Read read = reads.computeIfAbsent(room, r -> new Read());
        synchronized (read) {
            if (read.from == null || from.isBefore(read.from) || read.originIds.size() > REMEMBERED) {
                read.from = from;
                read.lastUid = null;
                read.originIds.clear();
            } else if (read.originIds.contains(originId)) {
                return true;
            }
            try {
                readOn(read, mam);
            } catch (XMPPException.XMPPErrorException e) {
                if (read.lastUid == null) {
                    throw e;
                }
                // The archive no longer knows the id read last (the room was made anew): read it all again.
                log.info("xmpp room {}: archive reread from {} ({})", room, read.from, e.getStanzaError().getCondition());
                read.lastUid = null;
                read.originIds.clear();
                readOn(read, mam);
            }
            return read.originIds.contains(originId);
        }
    }

    /** Reads the archive on from where the last read ended, page by page. */
    private static void readOn(Read read, MamManager mam) throws Exception {
        var args = MamManager.MamQueryArgs.builder().setResultPageSizeTo(PAGE);
        if (read.lastUid == null) {
            args.limitResultsSince(Date.from(read.from));
        } else {
            args.afterUid(read.lastUid);
        }
        MamManager.MamQuery query = mam.queryArchive(args.build());
        take(read, query.getMamResultExtensions());
        while (!query.isComplete() && !query.getMamResultExtensions().isEmpty()) {
            query.pageNext(PAGE); // the query now holds that page
            take(read, query.getMamResultExtensions());
        }
    }

    private static void take(Read read, List<MamResultExtension> results) {
        for (MamResultExtension result : results) {
            read.lastUid = result.getId();
            Message message = (Message) result.getForwarded().getForwardedStanza();
            String originId = Stanzas.originId(message);
            if (originId != null) {
                read.originIds.add(originId);
            }
        }
    }

    private boolean inJoinHistory(EntityBareJid room, String originId) throws Exception {
        Long unanswered = joiner.window(room).wentOutUnanswered(originId);
        LastJoin last = lastJoins.get(room);
        boolean stale = last == null || last.session() != connection.session()
                || (unanswered != null && unanswered - last.joined().startedAt() > 0);
        if (stale) {
            joiner.rejoin(room, unanswered != null ? unanswered : System.nanoTime());
            last = lastJoins.get(room);
        }
        return last != null && last.joined().replayed().contains(originId);
    }
}

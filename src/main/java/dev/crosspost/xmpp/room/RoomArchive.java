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
 * have arrived is said again. Reads the room's archive (XEP-0313 MAM, Prosody's {@code mod_muc_mam}) from its
 * newest end back, page by page, until the line is found or the pages are older than 10 s before the line was
 * written (the clocks of Crosspost's nodes and the chat server must agree that well); what was read is kept, and later checks read only what the room said since and, if they need to, further
 * back. The lines a check is about were said just before a crash or a lost connection, so one or two pages
 * usually settle it, however long the archive: Prosody's file storage reads the whole archive for every page (50
 * entries at most, {@code max_archive_query_results}), and reading a minute of a busy room forward took 46 s. A
 * check reads the new end again only when its line may have gone out after the last such read began: the window of
 * lines whose echoes a stalled server held back, or the lines a restart takes over, cost one query, not one each
 * (every query stalls Prosody's one thread while it loads the archive, and the echoes of the next lines with it).
 * <p>
 * A room whose server keeps no archive is judged by the history a join replays: the last join's history when the
 * line's last unanswered attempt was before that join (after a restart, every attempt was), else a fresh join.
 * That history is short (the room window plus 50 lines): a line said longer ago looks unsaid and is said again.
 */
@Component
public class RoomArchive {

    /** How far before a line was written its archive entry may be stamped: the clocks of Crosspost and the server. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    /** Entries asked for per page; the server may give fewer (Prosody: max_archive_query_results, 50 by default). */
    private static final int PAGE = 500;
    private static final long STARTED = System.nanoTime();
    private static final int REMEMBERED = 200_000;
    private static final Logger log = LoggerFactory.getLogger(RoomArchive.class);

    /**
     * What was read of one room's archive: one stretch, from its oldest entry to its newest, and the origin-ids in
     * it. It grows at the new end (what the room said since) and back in time as far as a check needs.
     */
    private static final class Read {
        /** When the last read of the new end began ({@link System#nanoTime()}), or {@code null}. */
        Long newerReadAt;
        String newestUid;
        String oldestUid;
        Instant oldestStamp;
        boolean reachedStart;
        final Set<String> originIds = new HashSet<>();

        void forget() {
            newerReadAt = null;
            newestUid = null;
            oldestUid = null;
            oldestStamp = null;
            reachedStart = false;
            originIds.clear();
        }
    }

    private record LastJoin(XmppSession session, HistoryJoin.Joined joined) {
    }

    private final XmppConnection connection;
    private final Rooms joiner;
    private final Map<EntityBareJid, Read> reads = new ConcurrentHashMap<>();
    private final Map<EntityBareJid, Boolean> archived = new ConcurrentHashMap<>();
    private final Map<EntityBareJid, LastJoin> lastJoins = new ConcurrentHashMap<>();

    public RoomArchive(XmppConnection connection, Rooms joiner) {
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
            if (read.originIds.size() > REMEMBERED) {
                read.forget();
            } else if (read.originIds.contains(originId)) {
                return true;
            }
            // The archive needs reading again at its new end only if the line may have gone out after the last such
            // read began: one stream keeps the bot's stanzas in order, so a line sent before a query is in its answer.
            // A line this process never sent was tried by an earlier run, before this one started.
            Long wentOut = joiner.window(room).wentOutUnanswered(originId);
            long lastTry = wentOut != null ? wentOut : STARTED;
            try {
                if (read.newerReadAt == null || read.newerReadAt - lastTry <= 0) {
                    readNewer(read, mam);
                }
            } catch (XMPPException.XMPPErrorException e) {
                if (read.newestUid == null) {
                    throw e;
                }
                // The archive no longer knows the id read last (the room was made anew): read it all again.
                log.info("xmpp room {}: archive reread ({})", room, e.getStanzaError().getCondition());
                read.forget();
                readNewer(read, mam);
            }
            // then back in time, page by page, until the line is found or the pages are older than the send
            while (!read.originIds.contains(originId) && !read.reachedStart && read.oldestStamp != null
                    && read.oldestStamp.isAfter(from)) {
                readOlder(read, mam, from);
            }
            return read.originIds.contains(originId);
        }
    }

    /** Reads what the room said since the newest entry read (everything's last page on the first read). */
    private static void readNewer(Read read, MamManager mam) throws Exception {
        read.newerReadAt = System.nanoTime();
        if (read.newestUid == null) {
            MamManager.MamQuery query = mam.queryArchive(MamManager.MamQueryArgs.builder().queryLastPage()
                    .setResultPageSizeTo(PAGE).build());
            List<MamResultExtension> page = query.getMamResultExtensions();
            take(read, page);
            if (!page.isEmpty()) {
                read.newestUid = page.get(page.size() - 1).getId();
                read.oldestUid = page.get(0).getId();
                read.oldestStamp = stamp(page.get(0));
            }
            read.reachedStart = query.isComplete();
            return;
        }
        MamManager.MamQuery query = mam.queryArchive(MamManager.MamQueryArgs.builder().afterUid(read.newestUid)
                .setResultPageSizeTo(PAGE).build());
        while (true) {
            List<MamResultExtension> page = query.getMamResultExtensions();
            take(read, page);
            if (page.isEmpty()) {
                return;
            }
            read.newestUid = page.get(page.size() - 1).getId();
            if (query.isComplete()) {
                return;
            }
            query.pageNext(PAGE); // the query now holds that page
        }
    }

    /** Reads the page before the oldest entry read so far. */
    private static void readOlder(Read read, MamManager mam, Instant from) throws Exception {
        MamManager.MamQuery query = mam.queryArchive(MamManager.MamQueryArgs.builder().beforeUid(read.oldestUid)
                .limitResultsSince(Date.from(from)).setResultPageSizeTo(PAGE).build());
        List<MamResultExtension> page = query.getMamResultExtensions();
        take(read, page);
        if (page.isEmpty()) {
            read.reachedStart = true;
            return;
        }
        read.oldestUid = page.get(0).getId();
        read.oldestStamp = stamp(page.get(0));
        read.reachedStart = query.isComplete();
    }

    private static Instant stamp(MamResultExtension result) {
        var delay = result.getForwarded().getDelayInformation();
        return delay == null ? Instant.EPOCH : delay.getStamp().toInstant();
    }

    private static void take(Read read, List<MamResultExtension> results) {
        for (MamResultExtension result : results) {
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

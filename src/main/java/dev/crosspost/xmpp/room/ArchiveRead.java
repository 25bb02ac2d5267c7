package dev.crosspost.xmpp.room;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.XMPPException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was read of one room's archive, and the reading: one stretch, from {@link #readBackTo} to the newest entry
 * read, and the origin-ids in it. It grows at the new end (what the room said since) and back in time as far as a
 * check needs, and no further: every question to the archive is bounded by an entry read or by the time the line
 * was written (less the clock margin), so a check costs the same in a room that has talked for a year as in a new
 * one (on a server whose archive is indexed: Prosody's SQL storage; its file storage loads the whole archive for
 * every question anyway).
 */
final class ArchiveRead {

    /** How far before a line was written its archive entry may be stamped: the clocks of Crosspost and the server. */
    static final Duration MARGIN = Duration.ofSeconds(10);
    private static final int REMEMBERED = 200_000;
    private static final Logger log = LoggerFactory.getLogger(ArchiveRead.class);

    private final String room;
    /** When the last read of the new end began ({@link System#nanoTime()}), or {@code null}. */
    private Long newerReadAt;
    private String newestUid;
    private String oldestUid;
    /** All the room said from this time to the newest entry read has been read ({@code null}: nothing read). */
    private Instant readBackTo;
    private final Set<String> originIds = new HashSet<>();

    ArchiveRead(String room) {
        this.room = room;
    }

    /**
     * Whether the archive holds the line with this origin-id, written (its first attempt no earlier) at
     * {@code writtenAt} ({@code null}: unknown, the whole archive may be read). {@code lastTry}
     * ({@link System#nanoTime()}): when the line may last have gone out; the new end is read again only if that was
     * after the last such read began (one stream keeps the bot's stanzas in order, so a line sent before a query is
     * in its answer).
     */
    synchronized boolean holds(ArchivePages pages, String originId, Instant writtenAt, long lastTry)
            throws Exception {
        Instant from = writtenAt == null ? Instant.EPOCH : writtenAt.minus(MARGIN);
        if (originIds.size() > REMEMBERED) {
            forget();
        } else if (originIds.contains(originId)) {
            return true;
        }
        if (newerReadAt == null || newerReadAt - lastTry <= 0) {
            try {
                readNewer(pages, from);
            } catch (XMPPException.XMPPErrorException e) {
                if (newestUid == null) {
                    throw e;
                }
                // The archive no longer knows the id read last (the room was made anew): read it again.
                log.info("xmpp room {}: archive reread ({})", room, e.getStanzaError().getCondition());
                forget();
                readNewer(pages, from);
            }
        }
        // then back in time, page by page, until the line is found or everything since it was written is read
        while (!originIds.contains(originId) && (readBackTo == null || readBackTo.isAfter(from))) {
            readOlder(pages, from);
        }
        return originIds.contains(originId);
    }

    private void forget() {
        newerReadAt = null;
        newestUid = null;
        oldestUid = null;
        readBackTo = null;
        originIds.clear();
    }

    /** Reads what the room said since the newest entry read; on the first read, the newest page since {@code from}. */
    private void readNewer(ArchivePages pages, Instant from) throws Exception {
        newerReadAt = System.nanoTime();
        if (newestUid == null) {
            ArchivePages.Page page = pages.newest(from);
            take(page.entries());
            if (!page.entries().isEmpty()) {
                newestUid = last(page).uid();
                oldestUid = page.entries().get(0).uid();
            }
            readBackTo = page.complete() || page.entries().isEmpty() ? from : page.entries().get(0).stamp();
            return;
        }
        while (true) {
            ArchivePages.Page page = pages.after(newestUid);
            take(page.entries());
            if (page.entries().isEmpty()) {
                return;
            }
            newestUid = last(page).uid();
            if (page.complete()) {
                return;
            }
        }
    }

    /** Reads the page before the oldest entry read, back to {@code from} at most. */
    private void readOlder(ArchivePages pages, Instant from) throws Exception {
        // with an entry read, the page before it; with none (nothing since a later time), that time bounds it
        ArchivePages.Page page = pages.before(oldestUid, from, oldestUid == null ? readBackTo : null);
        take(page.entries());
        if (!page.entries().isEmpty()) {
            oldestUid = page.entries().get(0).uid();
            if (newestUid == null) {
                newestUid = last(page).uid();
            }
        }
        readBackTo = page.complete() || page.entries().isEmpty() ? from : page.entries().get(0).stamp();
    }

    private static ArchivePages.Entry last(ArchivePages.Page page) {
        List<ArchivePages.Entry> entries = page.entries();
        return entries.get(entries.size() - 1);
    }

    private void take(List<ArchivePages.Entry> entries) {
        for (ArchivePages.Entry e : entries) {
            if (e.originId() != null) {
                originIds.add(e.originId());
            }
        }
    }
}

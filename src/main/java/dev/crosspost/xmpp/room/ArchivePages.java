package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.List;

/**
 * The three questions {@link ArchiveRead} asks a room's archive (XEP-0313), page by page. Every question is bounded
 * (by an entry already read, or by a time), so what a server with an indexed archive reads does not grow with the
 * age of the room; {@link MamPages} asks them with Smack.
 */
interface ArchivePages {

    /** One archived line: the archive's id for it, its time stamp, and the origin-id it carried (or null). */
    record Entry(String uid, Instant stamp, String originId) {
    }

    /**
     * One page, oldest entry first. {@code complete}: nothing further lies in the query's direction within its
     * bounds (the server's RSM answer; a page may be shorter than asked without being the last).
     */
    record Page(List<Entry> entries, boolean complete) {
    }

    /** The newest page of what the room said at or after {@code start}. */
    Page newest(Instant start) throws Exception;

    /** The page of what the room said just after entry {@code uid}. */
    Page after(String uid) throws Exception;

    /**
     * The page of what the room said at or after {@code start}, just before entry {@code uid} (null: before the
     * newest entry) and no later than {@code end} (null: no end).
     */
    Page before(String uid, Instant start, Instant end) throws Exception;
}

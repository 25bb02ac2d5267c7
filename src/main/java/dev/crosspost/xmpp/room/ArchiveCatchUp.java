package dev.crosspost.xmpp.room;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;

/**
 * What a catch-up reads of an archive (XEP-0313): a room's, on a join ({@link RoomCatchUp}), or the bot account's
 * own, on a login (direct messages): the entries since the newest message taken in from there, less the clock margin
 * ({@link ArchiveRead#MARGIN}), never further back than {@code crosspost.xmpp.catch-up}, up to the catch-up's start,
 * page by page, oldest first.
 */
public final class ArchiveCatchUp {

    /**
     * Entries asked for per page, as the archive check asks ({@link MamPages}); the server may give fewer (Prosody:
     * max_archive_query_results, 50 by default, 500 in the shipped configuration's rooms). After a crash under load
     * the room's archive since the newest line taken in is mostly the bot's own lines: at 100 a page, 850 of them took
     * 6 s of round trips before the bot counted as back in the room.
     */
    private static final int PAGE = 500;

    private ArchiveCatchUp() {
    }

    /** Where a catch-up at {@code until} starts: {@code newest} taken in, less the margin, at most {@code cap} back. */
    public static Instant from(Instant newest, Duration cap, Instant until) {
        Instant oldest = until.minus(cap);
        Instant from = newest.minus(ArchiveRead.MARGIN);
        return from.isBefore(oldest) ? oldest : from;
    }

    /**
     * Hands each entry from {@code from} to {@code until} to {@code take}, except those whose ids {@code known} (asked
     * once a page) says were taken in already; returns how many {@code take} took. The catch-up starts a margin before
     * the newest line taken in, and under load that margin alone holds a thousand lines, each of which would
     * otherwise go through the whole intake to be recognised as a duplicate.
     */
    public static int read(MamManager mam, Instant from, Instant until, Function<List<String>, Set<String>> known,
                           Predicate<MamResultExtension> take) throws Exception {
        int taken = 0;
        String after = null;
        while (true) {
            var args = MamManager.MamQueryArgs.builder().limitResultsSince(Date.from(from))
                    .limitResultsBefore(Date.from(until)).setResultPageSizeTo(PAGE);
            if (after != null) {
                args.afterUid(after);
            }
            MamManager.MamQuery page = mam.queryArchive(args.build());
            List<MamResultExtension> results = page.getMamResultExtensions();
            Set<String> skip = results.isEmpty() ? Set.of()
                    : known.apply(results.stream().map(MamResultExtension::getId).filter(Objects::nonNull).toList());
            for (MamResultExtension result : results) {
                after = result.getId();
                if (!skip.contains(result.getId()) && take.test(result)) {
                    taken++;
                }
            }
            if (page.isComplete() || page.getMamResultExtensions().isEmpty()) {
                return taken;
            }
        }
    }
}

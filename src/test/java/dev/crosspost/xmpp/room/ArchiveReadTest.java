package dev.crosspost.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The crash check reads only what it must: every question to a room's archive is bounded by the time the line was
 * written (less the 10 s clock margin) or by an entry already read, whatever the archive holds before. A fake archive
 * answers as XEP-0313 with RSM does and records each question with its bounds.
 */
class ArchiveReadTest {

    private static final Instant T = Instant.parse("2026-12-07T01:00:00Z");
    private static final Instant FROM = T.minus(ArchiveRead.MARGIN);

    /** One question to the archive: its kind, the entry it starts from, its time bounds. */
    record Question(String kind, String uid, Instant start, Instant end) {
    }

    /** An archive of entries a second apart (uid {@code u<i>}, origin-id {@code o<i>}), pages of {@code page}. */
    static final class FakeArchive implements ArchivePages {
        final List<Entry> entries = new ArrayList<>();
        final List<Question> questions = new ArrayList<>();
        final List<Entry> handedOut = new ArrayList<>();
        private final int page;

        FakeArchive(int page) {
            this.page = page;
        }

        /** Lines said every second from {@code first} to {@code last}, seconds relative to {@link #T}. */
        FakeArchive said(int first, int last) {
            IntStream.rangeClosed(first, last).forEach(s -> entries.add(new Entry("u" + s, T.plusSeconds(s), "o" + s)));
            return this;
        }

        @Override
        public Page newest(Instant start) {
            questions.add(new Question("newest", null, start, null));
            return lastPage(entries.stream().filter(e -> !e.stamp().isBefore(start)).toList());
        }

        @Override
        public Page after(String uid) {
            questions.add(new Question("after", uid, null, null));
            List<Entry> after = entries.subList(indexOf(uid) + 1, entries.size());
            List<Entry> taken = after.subList(0, Math.min(page, after.size()));
            handedOut.addAll(taken);
            return new Page(List.copyOf(taken), after.size() <= page);
        }

        @Override
        public Page before(String uid, Instant start, Instant end) {
            questions.add(new Question("before", uid, start, end));
            int below = uid == null ? entries.size() : indexOf(uid);
            return lastPage(entries.subList(0, below).stream().filter(e -> !e.stamp().isBefore(start))
                    .filter(e -> end == null || !e.stamp().isAfter(end)).toList());
        }

        private Page lastPage(List<Entry> matching) {
            List<Entry> taken = matching.subList(Math.max(0, matching.size() - page), matching.size());
            handedOut.addAll(taken);
            return new Page(List.copyOf(taken), matching.size() <= page);
        }

        private int indexOf(String uid) {
            return IntStream.range(0, entries.size()).filter(i -> entries.get(i).uid().equals(uid)).findFirst()
                    .orElseThrow();
        }
    }

    private final ArchiveRead read = new ArchiveRead("team@conference.localhost");

    @Test
    void theFirstQuestionIsTheNewestPageSinceTenSecondsBeforeTheLineWasWritten() throws Exception {
        // a room that has talked for a day, the line written at T and said a second later
        var archive = new FakeArchive(50).said(-86_400, -3_600).said(-30, 5);

        assertThat(read.holds(archive, "o1", T, System.nanoTime())).isTrue();

        assertThat(archive.questions).containsExactly(new Question("newest", null, FROM, null));
        assertThat(archive.handedOut).allMatch(e -> !e.stamp().isBefore(FROM));
    }

    @Test
    void aLineNeverSaidIsLookedForBackToTheMarginAndNoFurther() throws Exception {
        var archive = new FakeArchive(4).said(-86_400, -3_600).said(-30, 5);

        assertThat(read.holds(archive, "o-missing", T, System.nanoTime())).isFalse();

        // 16 lines since T - 10 s, pages of 4: the newest page, then the pages before it, each bounded by the margin
        assertThat(archive.questions).containsExactly(
                new Question("newest", null, FROM, null),
                new Question("before", "u2", FROM, null),
                new Question("before", "u-2", FROM, null),
                new Question("before", "u-6", FROM, null));
        assertThat(archive.handedOut).hasSize(16).allMatch(e -> !e.stamp().isBefore(FROM));
    }

    @Test
    void laterChecksAskOnlyForWhatTheRoomSaidSinceTheLastRead() throws Exception {
        var archive = new FakeArchive(50).said(-30, 5);
        long sentBeforeTheRead = System.nanoTime();
        assertThat(read.holds(archive, "o1", T, sentBeforeTheRead)).isTrue();

        // a line that went out before that read: its answer had it already, nothing more is asked
        assertThat(read.holds(archive, "o3", T.plusSeconds(2), sentBeforeTheRead)).isTrue();
        assertThat(read.holds(archive, "o9", T.plusSeconds(8), sentBeforeTheRead)).isFalse();
        assertThat(archive.questions).hasSize(1);

        // a line that went out after it: only what follows the newest entry read
        archive.said(6, 9);
        assertThat(read.holds(archive, "o9", T.plusSeconds(8), System.nanoTime())).isTrue();
        assertThat(archive.questions).containsExactly(new Question("newest", null, FROM, null),
                new Question("after", "u5", null, null));
    }

    @Test
    void aLineAnotherNodeSaidBeforeThisNodeJoinedIsFoundThoughThisNodeHadReadTheArchiveBefore() throws Exception {
        long started = System.nanoTime(); // this process's start
        var archive = new FakeArchive(50).said(-30, 5);
        // an earlier check of this node's, while it held the bot
        assertThat(read.holds(archive, "o1", T, System.nanoTime())).isTrue();
        // then another node held the bot and said these; this node never sent them
        archive.said(6, 9);
        long joined = System.nanoTime(); // this node holds the bot again and has joined the room

        // bounded by this process's start (as before), the new end is not read again: the line looks unsaid
        var stale = new ArchiveRead("team@conference.localhost");
        var before = new FakeArchive(50).said(-30, 5);
        assertThat(stale.holds(before, "o1", T, System.nanoTime())).isTrue();
        before.said(6, 9);
        assertThat(stale.holds(before, "o9", T.plusSeconds(8), started)).isFalse();

        // bounded by the join, it is read again, from the newest entry read on
        assertThat(read.holds(archive, "o9", T.plusSeconds(8), RoomArchive.lastPossibleTry(null, joined))).isTrue();
        assertThat(archive.questions).containsExactly(new Question("newest", null, FROM, null),
                new Question("after", "u5", null, null));
        // a later attempt of this process's own is later still
        long sentAgain = System.nanoTime();
        assertThat(RoomArchive.lastPossibleTry(sentAgain, joined)).isEqualTo(sentAgain);
        assertThat(RoomArchive.lastPossibleTry(started, joined)).isEqualTo(joined);
    }

    @Test
    void anOlderLineReadsBackFromWhatWasReadToItsOwnMarginOnly() throws Exception {
        var archive = new FakeArchive(50).said(-86_400, -3_600).said(-60, 5);
        long sent = System.nanoTime();
        assertThat(read.holds(archive, "o1", T, sent)).isTrue();

        // written 30 s before the first line: the page before the oldest entry read, since 40 s before T
        assertThat(read.holds(archive, "o-30", T.minusSeconds(30), sent)).isTrue();

        Instant olderFrom = T.minusSeconds(30).minus(ArchiveRead.MARGIN);
        assertThat(archive.questions).containsExactly(new Question("newest", null, FROM, null),
                new Question("before", "u-10", olderFrom, null));
        assertThat(archive.handedOut).allMatch(e -> !e.stamp().isBefore(olderFrom));
    }

    @Test
    void nothingSaidSinceTheFirstLineBoundsTheNextQuestionAtBothEnds() throws Exception {
        var archive = new FakeArchive(50).said(-86_400, -3_600).said(-60, -20);
        long sent = System.nanoTime();
        assertThat(read.holds(archive, "o1", T, sent)).isFalse();

        assertThat(read.holds(archive, "o-25", T.minusSeconds(15), sent)).isTrue();

        assertThat(archive.questions).containsExactly(new Question("newest", null, FROM, null),
                new Question("before", null, T.minusSeconds(25), FROM));
    }
}

package dev.crosspost.message.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutboundPort.Copy;
import dev.crosspost.message.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Corrections and removals of a message follow its sends: rows on the lanes of the lines said, local copies at once. */
class OutboxChangesTest {

    private static final ChannelAddress ROOM = ChannelAddress.parse("xmpp-room:team@conference.localhost");
    private static final ChannelAddress MAIL = ChannelAddress.parse("mail:bob@example.org");
    private static final ChannelAddress SHOUTS = ChannelAddress.parse("shoutbox:team");

    /** A port that records what it was asked to do, in order: "SAY id text", "CORRECT id of replaced: text". */
    static class ChatPort implements OutboundPort {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final String kind;
        final boolean local;
        final List<Copy> copies = new ArrayList<>();

        ChatPort(String kind, boolean local) {
            this.kind = kind;
            this.local = local;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public boolean local() {
            return local;
        }

        @Override
        public boolean changesDelivered() {
            return true;
        }

        @Override
        public List<Copy> copiesOf(String messageId) {
            return copies;
        }

        @Override
        public CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage m) {
            calls.add("SAY " + m.id() + " " + m.text());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> correct(ChannelAddress target, OutgoingMessage m, String replacedId) {
            calls.add("CORRECT " + replacedId + ": " + m.text());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> retract(ChannelAddress target, OutgoingMessage m, String retractedId) {
            calls.add("RETRACT " + retractedId);
            return CompletableFuture.completedFuture(null);
        }
    }

    private final ChatPort room = new ChatPort("xmpp-room", false);
    private final ChatPort mail = new ChatPort("mail", false) {
        @Override
        public boolean changesDelivered() {
            return false;
        }
    };
    private final ChatPort shoutbox = new ChatPort("shoutbox", true);
    private OutboxFixture fixture;
    private OutboxChanges changes;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Message m-1 ("helo" from Alice, taken in from the shoutbox) said in the room and mailed. */
    private void saidAndMailed() {
        fixture = OutboxFixture.of(room, mail, shoutbox);
        changes = fixture.changes(List.of(room, mail, shoutbox));
        fixture.jdbc().sql("insert into crosspost.messages (id, channel, external_id, text, received_at)"
                + " values ('m-1', 'shoutbox:team', 'm-1', 'helo', ?)").param(Timestamp.from(Instant.now())).update();
        fixture.tx().executeWithoutResult(s -> {
            fixture.outbox().send(ROOM, line("o-1", "[team] Alice: helo"));
            fixture.outbox().send(MAIL, line("o-2", "Alice wrote: helo"));
        });
        await().until(() -> "SENT".equals(fixture.status("o-1")) && "SENT".equals(fixture.status("o-2")));
    }

    private static OutgoingMessage line(String id, String text) {
        return new OutgoingMessage(id, "m-1", SHOUTS, "alice", "Alice", text);
    }

    private List<String> rows(String action) {
        return fixture.jdbc().sql("select target || ' ' || status || ' ' || replaces from crosspost.outbox"
                + " where action = ? order by seq").param(action).query(String.class).list();
    }

    @Test
    void anEditCorrectsTheLineSaidKeepingItsPrefixAndIsSkippedWhereTheChannelCannotChangeIt() {
        saidAndMailed();

        fixture.tx().executeWithoutResult(s -> changes.edited("m-1", "hello"));

        await().until(() -> room.calls.size() == 2);
        assertThat(room.calls).containsExactly("SAY o-1 [team] Alice: helo", "CORRECT o-1: [team] Alice: hello");
        await().until(() -> rows("CORRECT").contains(ROOM + " SENT o-1"));
        assertThat(rows("CORRECT")).containsExactly(ROOM + " SENT o-1", MAIL + " SKIPPED o-2");
        assertThat(fixture.jdbc().sql("select last_error from crosspost.outbox where target = ? and action = 'CORRECT'")
                .param(MAIL.toString()).query(String.class).single()).isEqualTo("mail cannot change a message once delivered");
        assertThat(mail.calls).containsExactly("SAY o-2 Alice wrote: helo");
        assertThat(fixture.jdbc().sql("select text from crosspost.messages where id = 'm-1'").query(String.class)
                .single()).isEqualTo("hello");
    }

    @Test
    void aSecondEditCorrectsTheFirstCorrectionStillNamingTheLineSaid() {
        saidAndMailed();

        fixture.tx().executeWithoutResult(s -> changes.edited("m-1", "hello"));
        fixture.tx().executeWithoutResult(s -> changes.edited("m-1", "hello, world"));

        await().until(() -> room.calls.size() == 3);
        assertThat(room.calls).containsExactly("SAY o-1 [team] Alice: helo", "CORRECT o-1: [team] Alice: hello",
                "CORRECT o-1: [team] Alice: hello, world");
    }

    @Test
    void aRemovalTakesTheLineBackAndNothingChangesItAfterwards() {
        saidAndMailed();

        fixture.tx().executeWithoutResult(s -> changes.removed("m-1"));
        fixture.tx().executeWithoutResult(s -> changes.edited("m-1", "hello"));
        fixture.tx().executeWithoutResult(s -> changes.removed("m-1"));

        await().until(() -> rows("RETRACT").contains(ROOM + " SENT o-1"));
        assertThat(room.calls).containsExactly("SAY o-1 [team] Alice: helo", "RETRACT o-1");
        assertThat(rows("RETRACT")).containsExactly(ROOM + " SENT o-1", MAIL + " SKIPPED o-2");
        assertThat(rows("CORRECT")).isEmpty();
    }

    @Test
    void aCorrectionWrittenWithItsLineLeavesAfterIt() {
        fixture = OutboxFixture.of(room);
        changes = fixture.changes(List.of(room));
        fixture.jdbc().sql("insert into crosspost.messages (id, channel, external_id, text, received_at)"
                + " values ('m-1', 'shoutbox:team', 'm-1', 'helo', ?)").param(Timestamp.from(Instant.now())).update();

        fixture.tx().executeWithoutResult(s -> {
            fixture.outbox().send(ROOM, line("o-1", "[team] Alice: helo"));
            changes.edited("m-1", "hello");
        });

        await().until(() -> room.calls.size() == 2);
        assertThat(room.calls).containsExactly("SAY o-1 [team] Alice: helo", "CORRECT o-1: [team] Alice: hello");
    }

    @Test
    void localCopiesAreChangedAtOnceInTheCallersTransactionKeepingTheirFrameButNotTheMessageItself() {
        saidAndMailed();
        shoutbox.copies.addAll(List.of(new Copy("m-1", "helo"), new Copy("copy-1", "Alice said: helo")));

        fixture.tx().executeWithoutResult(s -> {
            changes.edited("m-1", "hello");
            assertThat(shoutbox.calls).containsExactly("CORRECT copy-1: Alice said: hello");
            changes.removed("m-1");
        });

        assertThat(shoutbox.calls).containsExactly("CORRECT copy-1: Alice said: hello", "RETRACT copy-1");
    }

    @Test
    void aMessageNoLongerKeptOrUnchangedChangesNothing() {
        saidAndMailed();

        fixture.tx().executeWithoutResult(s -> {
            changes.edited("m-gone", "hello");
            changes.edited("m-1", "helo");
        });

        assertThat(rows("CORRECT")).isEmpty();
    }

    @Test
    void theOldTextIsReplacedAfterThePrefix() {
        assertThat(OutboxChanges.replaced("[team] a: a", "a", "b")).isEqualTo("[team] a: b");
        assertThat(OutboxChanges.replaced("reformatted", "a text", "new")).isEqualTo("new");
    }
}

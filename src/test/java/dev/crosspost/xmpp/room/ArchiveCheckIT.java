package dev.crosspost.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import dev.crosspost.support.ProsodyServer;
import dev.crosspost.xmpp.connection.Stanzas;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash check reads only what it must, on a real Prosody whose room holds many older lines: the lines a dead
 * node may have said (the rows it held) are looked up with questions bounded by the time those rows were written,
 * so what the archive hands back is those lines, not the room's past. Run on the shipped configuration (the room
 * archive in Prosody's SQL storage) and on {@code internal} storage; each logs how long the check took (not
 * asserted). The room holds 3,000 older lines (six pages; a third of that on {@code internal} storage, which archives
 * slowly), or {@code -Dcrosspost.archive-check.older=30000} (filling the room takes many minutes then).
 */
class ArchiveCheckIT {

    private static final Logger log = LoggerFactory.getLogger(ArchiveCheckIT.class);
    private static final int OLDER = Integer.getInteger("crosspost.archive-check.older", 3_000);
    private static final int OWED = 300;
    private static final String ROOM = "old@" + ProsodyServer.MUC;

    @Test
    void theCheckAfterACrashAsksOnlyForTheTimeOfTheDeadNodesRowsOnSqlStorage() throws Exception {
        checkInARoomWithALongPast("sql", OLDER, ProsodyServer.startNew());
    }

    @Test
    void theCheckAsksTheSameBoundedQuestionsOnInternalStorage() throws Exception {
        // a third of the lines: every line archived in a file costs more (measured here: under 40 a second)
        checkInARoomWithALongPast("internal", OLDER / 3, ProsodyServer.startNew(config -> {
            if (!config.contains("muc_log = \"sql\";")) {
                throw new IllegalStateException("the test config no longer keeps the room archive in SQL storage");
            }
            return config.replace("muc_log = \"sql\";", "");
        }));
    }

    private void checkInARoomWithALongPast(String storage, int older, ProsodyServer prosody) throws Exception {
        XMPPTCPConnection bot = login(prosody);
        try {
            var room = new SaidLines(bot);
            room.say("old", older);
            // The dead node's rows are written after the room's past, later than the clocks' margin.
            Instant lastOld = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(lastOld.plus(ArchiveRead.MARGIN)
                    .plusSeconds(1)));
            Instant written = Instant.now();
            room.say("owed", OWED); // the lines the dead node said before it died

            var pages = new CountedPages(new MamPages(MamManager.getInstanceFor(room.chat)));
            var read = new ArchiveRead(ROOM);
            long lastTry = System.nanoTime(); // the lines were tried by an earlier run
            long started = System.nanoTime();
            List<Boolean> said = new ArrayList<>();
            for (int i = 0; i < OWED; i++) {
                said.add(read.holds(pages, "owed-" + i, written, lastTry));
            }
            // rows the dead node held but had not said yet
            List<Boolean> unsaid = IntStream.range(0, 50).mapToObj(i -> holds(read, pages, "never-" + i, written,
                    lastTry)).toList();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            log.info("archive check, {} storage: {} rows after {} older lines, {} questions, {} entries, {} ms",
                    storage, OWED + 50, older, pages.questions.size(), pages.entries, millis);

            assertThat(said).containsOnly(true).hasSize(OWED);
            assertThat(unsaid).containsOnly(false);
            assertThat(pages.questions).as("one question for all the rows, bounded by when they were written")
                    .containsExactly(written.minus(ArchiveRead.MARGIN));
            assertThat(pages.entries).as("the archive handed back the owed lines, none of the older ones")
                    .isEqualTo(OWED);
        } finally {
            bot.disconnect();
            prosody.stop();
        }
    }

    private static boolean holds(ArchiveRead read, ArchivePages pages, String id, Instant written, long lastTry) {
        try {
            return read.holds(pages, id, written, lastTry);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static XMPPTCPConnection login(ProsodyServer prosody) throws Exception {
        var connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ProsodyServer.DOMAIN).setHostAddressByNameOrIp("127.0.0.1").setPort(prosody.port())
                .setUsernameAndPassword(ProsodyServer.BOT, ProsodyServer.BOT_PASSWORD)
                .setResource("archive-check").setSecurityMode(SecurityMode.disabled).build());
        ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection();
        connection.setReplyTimeout(60_000); // a question to a file-stored archive of this size takes seconds
        connection.connect().login();
        return connection;
    }

    /** The bot's room: lines said with origin-ids; the room said them all once the last one's echo is back. */
    private static final class SaidLines {
        final MultiUserChat chat;
        private final Set<String> echoed = ConcurrentHashMap.newKeySet();

        SaidLines(XMPPTCPConnection connection) throws Exception {
            connection.addAsyncStanzaListener(s -> {
                String id = Stanzas.originId((Message) s);
                if (id != null) {
                    echoed.add(id);
                }
            }, MessageTypeFilter.GROUPCHAT);
            chat = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(JidCreate.entityBareFrom(ROOM));
            chat.create(Resourcepart.from("bot")).makeInstant();
        }

        /** Says {@code count} lines (origin-ids {@code <prefix>-<i>}) and waits until the room has said the last. */
        void say(String prefix, int count) throws Exception {
            for (int i = 0; i < count; i++) {
                var message = chat.buildMessage().setBody(prefix + " line " + i);
                message.addExtension(new OriginIdElement(prefix + "-" + i));
                chat.sendMessage(message);
            }
            String last = prefix + "-" + (count - 1);
            // a loaded machine archives ~100 lines a second in SQLite, fewer in files
            await().atMost(Duration.ofSeconds(60 + count / 5)).until(() -> echoed.contains(last));
        }
    }

    /** The archive's questions as {@link ArchiveRead} asks them, with their lower time bounds and the entries given. */
    private static final class CountedPages implements ArchivePages {
        final List<Instant> questions = new ArrayList<>();
        int entries;
        private final ArchivePages pages;

        CountedPages(ArchivePages pages) {
            this.pages = pages;
        }

        @Override
        public Page newest(Instant start) throws Exception {
            return counted(start, pages.newest(start));
        }

        @Override
        public Page after(String uid) throws Exception {
            return counted(null, pages.after(uid));
        }

        @Override
        public Page before(String uid, Instant start, Instant end) throws Exception {
            return counted(start, pages.before(uid, start, end));
        }

        private Page counted(Instant start, Page page) {
            questions.add(start);
            entries += page.entries().size();
            return page;
        }
    }
}

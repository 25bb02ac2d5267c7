package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.support.TcpProxy;
import dev.crosspost.support.TestServers;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room port alone against a real Prosody (with {@code mod_muc_mam}): a bot of its own (account judy, through a
 * proxy the test can hold or cut), no Spring, no outbox. What the outbox relies on: sends said in call order, each
 * done on its echo, failed when the echo does not come or the connection breaks, and {@code alreadyDelivered}
 * telling from the room's archive whether such a line was said, also for a bot started afresh.
 */
class XmppRoomPortIT extends RoomPortITSupport {

    private static TcpProxy link;

    @BeforeAll
    static void proxy() {
        link = TcpProxy.start(TestServers.prosody().port());
    }

    @Override
    TcpProxy link() {
        return link;
    }

    @Test
    void linesSentWithoutWaitingAreSaidInCallOrderAndEachIsDoneOnItsEcho() {
        assertThat(bot.port().window()).isEqualTo(32);
        try (var alice = XmppPerson.login("alice")) {
            alice.join(room, 0);
            List<String> texts = new ArrayList<>();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                String text = "order #" + String.format("%02d", i);
                texts.add(text);
                sends.add(bot.port().send(target, line(text)));
            }

            await().atMost(DELIVERY).until(() -> sends.stream().allMatch(CompletableFuture::isDone));
            assertThat(sends).allSatisfy(s -> assertThat(s).isCompleted());
            await().atMost(DELIVERY).until(() -> alice.linesContaining(room, "order #").size() >= 40);
            assertThat(alice.linesContaining(room, "order #")).containsExactlyElementsOf(texts);
        }
    }

    @Test
    void aLineWhoseEchoDoesNotComeFailsAndTheArchiveTellsThatItWasSaid() throws Exception {
        Instant since = Instant.now();
        var said = line("held echo");
        try (var alice = XmppPerson.login("alice")) {
            alice.join(room, 0);
            link.holdReplies();
            var send = bot.port().send(target, said);

            await().atMost(DELIVERY).until(send::isDone);
            assertThat(send).isCompletedExceptionally();
            assertThat(alice.linesContaining(room, "held echo")).hasSize(1); // the room took it all the same

            link.forward();
            assertThat(bot.port().alreadyDelivered(target, said, since)).isTrue();
            assertThat(bot.port().alreadyDelivered(target, line("never said"), since)).isFalse();
        }
    }

    @Test
    void aBrokenConnectionFailsTheLinesOnTheirWayAndAfterTheReconnectTheArchiveTellsWhichWereSaid() {
        Instant since = Instant.now();
        var said = line("said before the cut");
        try (var alice = XmppPerson.login("alice")) {
            alice.join(room, 0);
            link.holdReplies();
            var send = bot.port().send(target, said);
            await().atMost(DELIVERY).until(() -> alice.linesContaining(room, "said before the cut").size() == 1);
            int connections = link.accepted();

            link.cut();

            await().atMost(DELIVERY).until(send::isDone);
            assertThat(send).isCompletedExceptionally();
            await().atMost(DELIVERY).until(() -> link.accepted() > connections
                    && bot.rooms().states().getOrDefault(room, false));
            assertThat(bot.port().alreadyDelivered(target, said, since)).isTrue();
            assertThat(bot.port().alreadyDelivered(target, line("never said"), since)).isFalse();
        }
    }

    @Test
    void aBotStartedAfreshFindsItsEarlierLinesInTheArchiveHoweverMuchWasSaidSince() throws Exception {
        Instant since = Instant.now();
        var said = line("said by the last run");
        bot.port().send(target, said).get();
        // Alice stays in the room: Prosody destroys a room (and its archive) that everyone has left.
        try (var alice = XmppPerson.login("alice")) {
            alice.join(room, 0);
            // More than the history a join replays: only the archive still knows the bot's line.
            for (int i = 1; i <= 120; i++) {
                alice.say(room, "chatter " + i);
            }
            await().atMost(DELIVERY).until(() -> alice.linesContaining(room, "chatter ").size() == 120);
            bot.close();

            bot = RoomPortBot.start(link, room, REPLY_TIMEOUT);

            assertThat(bot.port().alreadyDelivered(target, said, since)).isTrue();
            assertThat(bot.port().alreadyDelivered(target, line("never said"), since)).isFalse();
        }
    }

    @Test
    void aSendWhileTheBotIsOfflineFailsAtOnce() {
        bot.connection().stop();

        var send = bot.port().send(target, line("offline"));

        assertThat(send).isCompletedExceptionally();
    }

    private static OutgoingMessage line(String text) {
        return RoomPortBot.line(text);
    }
}

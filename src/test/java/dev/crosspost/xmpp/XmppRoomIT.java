package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.outbox.Outbox;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The team room and the team shoutbox kept in step through the shipped queues, against a real Prosody. */
class XmppRoomIT extends XmppITSupport {

    @Autowired
    Outbox outbox;

    @BeforeEach
    void botIsInTheTeamRoom() {
        awaitBotInTeamRoom();
    }

    @Test
    void aShoutReachesTheRoomExactlyOnceNamingItsAuthor() {
        var poster = createMember("poster", "team");
        String text = unique("hello room");
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);

            postShout(poster, text);

            await().atMost(DELIVERY).until(() -> !alice.linesContaining(TEAM_ROOM, text).isEmpty());
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> alice.linesContaining(TEAM_ROOM, text).size() == 1);
            assertThat(alice.lines(TEAM_ROOM)).filteredOn(l -> l.text().contains(text)).singleElement()
                    .satisfies(line -> {
                        assertThat(line.text()).isEqualTo("[team] " + poster.name() + ": " + text);
                        assertThat(line.nickname()).isEqualTo("crosspost");
                    });
        }
    }

    @Test
    void aBurstOfShoutsReachesTheRoomOnceEachInPostingOrder() {
        // Room sends are pipelined (several lines on their way at once): the room must still say them in order.
        var poster = createMember("burst", "team");
        String run = unique("burst");
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);
            var posted = new java.util.ArrayList<String>();
            for (int i = 1; i <= 60; i++) {
                String text = run + " #" + String.format("%02d", i);
                postShout(poster, text);
                posted.add("[team] " + poster.name() + ": " + text);
            }
            await().atMost(DELIVERY.multipliedBy(3)).until(() -> alice.linesContaining(TEAM_ROOM, run).size() >= 60);
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> alice.linesContaining(TEAM_ROOM, run).size() == 60);
            assertThat(alice.linesContaining(TEAM_ROOM, run)).containsExactlyElementsOf(posted);
        }
    }

    @Test
    void aRoomLineReachesTheShoutboxOnceByTheMemberAndIsNotEchoedBack() {
        var bobMember = createMember("bob", "team");
        linkXmpp(bobMember, ProsodyServer.jid("bob"));
        String text = unique("hello shoutbox");
        try (var bob = XmppPerson.login("bob")) {
            bob.join(TEAM_ROOM, 0);

            bob.say(TEAM_ROOM, text);

            await().atMost(DELIVERY).until(() -> !teamShouts(as(bobMember), text).isEmpty());
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> teamShouts(as(bobMember), text).size() == 1
                    && bob.linesContaining(TEAM_ROOM, text).size() == 1);
            var shout = teamShouts(as(bobMember), text).get(0);
            assertThat(shout.path("author").asText()).isEqualTo(bobMember.id());
            assertThat(shout.path("authorName").asText()).isEqualTo(bobMember.name());
            assertThat(shout.path("origin").asText()).isEqualTo("xmpp-room:" + TEAM_ROOM);
            // Bob's own line, once: the bot did not say it again.
            assertThat(bob.linesContaining(TEAM_ROOM, text)).containsExactly(text);
        }
    }

    @Test
    void aCommandInTheRoomIsAnsweredThereAndNotRoutedAPersonalOnePrivately() {
        long before = accepted("xmpp-room:" + TEAM_ROOM);
        try (var guest = XmppPerson.login("stranger")) {
            guest.join(TEAM_ROOM, 0);

            guest.say(TEAM_ROOM, "!help");
            guest.say(TEAM_ROOM, "!whoami");

            await().atMost(DELIVERY).until(() -> guest.linesContaining(TEAM_ROOM, "Commands:").size() == 1);
            await().atMost(DELIVERY).until(() -> guest.directMessages().stream()
                    .anyMatch(m -> m.startsWith("You write from stranger@localhost")));
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> guest.linesContaining(TEAM_ROOM, "You write from").isEmpty()
                            && guest.linesContaining(TEAM_ROOM, "Commands:").size() == 1);
            assertThat(accepted("xmpp-room:" + TEAM_ROOM)).isEqualTo(before);
        }
    }

    @Test
    void historyReplayedOnJoinIsNotRelayed() {
        String room = ProsodyServer.freshRoom();
        String channel = "xmpp-room:" + room;
        try (var erin = XmppPerson.login("erin")) {
            erin.createInstantRoom(room);
            for (int i = 1; i <= 3; i++) {
                erin.say(room, "old line " + i);
            }
            await().atMost(DELIVERY).until(() -> erin.linesContaining(room, "old line").size() == 3);

            // Asking the bot to speak there makes it join (with history on offer from the room). The send is
            // queued: once its line is in the room, the bot is in it, and what erin says next is no history.
            outbox.send(ChannelAddress.parse(channel), outgoing("the bot is here"));
            await().atMost(DELIVERY).until(() -> erin.linesContaining(room, "the bot is here").size() == 1);
            erin.say(room, "a new line");

            await().atMost(DELIVERY).until(() -> accepted(channel) >= 1);
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> accepted(channel) == 1);
            assertThat(erin.linesContaining(room, "the bot is here")).hasSize(1);
        }
    }

    @Test
    void aRoomTheBotCreatesIsJoinableByOthers() {
        String room = ProsodyServer.freshRoom();
        String channel = "xmpp-room:" + room;
        outbox.send(ChannelAddress.parse(channel), outgoing("first words"));
        // The send is queued: the bot joins (creating the room) on its way out.
        await().atMost(DELIVERY).until(() -> rooms.states().getOrDefault(room, false));
        try (var frank = XmppPerson.login("frank")) {
            // Prosody keeps a new room locked until its owner configures it: join() fails on a locked room.
            frank.join(room, 10);
            outbox.send(ChannelAddress.parse(channel), outgoing("second words"));

            await().atMost(DELIVERY).until(() -> frank.linesContaining(room, "second words").size() == 1);
            assertThat(frank.linesContaining(room, "first words")).hasSize(1);
            // The bot greeted the room it joined, once.
            assertThat(frank.linesContaining(room, "Say !help for commands")).hasSize(1);
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> frank.linesContaining(room, "words").size() == 2);
            assertThat(rooms.states()).containsEntry(room, true);
        }
    }

    @Test
    void theBotRejoinsARoomItWasRemovedFrom() {
        String room = ProsodyServer.freshRoom();
        try (var erin = XmppPerson.login("erin")) {
            erin.createInstantRoom(room);
            outbox.send(ChannelAddress.parse("xmpp-room:" + room), outgoing("hello erin"));
            await().atMost(DELIVERY).until(() -> erin.occupants(room).contains("crosspost"));

            erin.kick(room, "crosspost");

            await().atMost(DELIVERY).pollInterval(java.time.Duration.ofMillis(10))
                    .until(() -> !erin.occupants(room).contains("crosspost"));
            // The bot's regular room check notices and joins again by itself.
            await().atMost(DELIVERY).until(() -> erin.occupants(room).contains("crosspost"));
            assertThat(rooms.states()).containsEntry(room, true);
        }
    }

    private static OutgoingMessage outgoing(String text) {
        String messageId = unique("it");
        return new OutgoingMessage(OutgoingMessage.idFor(messageId, "Task_It"), messageId,
                ChannelAddress.parse("shoutbox:it"), "it", "IT", text);
    }
}

package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Direct messages to the bot: members' go to the shoutbox, strangers' nowhere, commands are answered. */
class XmppDirectIT extends XmppITSupport {

    private static final String BOT = ProsodyServer.jid(ProsodyServer.BOT);

    @BeforeEach
    void botIsOnline() {
        awaitBotInTeamRoom();
    }

    @Test
    void aMembersDirectMessageReachesTheShoutboxAndIsConfirmed() {
        var carol = createMember("carol", "team");
        linkXmpp(carol, ProsodyServer.jid("carol"));
        String text = unique("from my phone");
        try (var client = XmppPerson.login("carol")) {
            client.tell(BOT, text);

            await().atMost(DELIVERY).until(() -> !teamShouts(as(carol), text).isEmpty());
            String thanks = "Thanks " + carol.name() + ", your message is on the shoutbox of team.";
            await().atMost(DELIVERY).until(() -> client.directMessages().contains(thanks));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> teamShouts(as(carol), text).size() == 1
                    && client.directMessages().size() == 1);
            assertThat(teamShouts(as(carol), text).get(0).path("author").asText()).isEqualTo(carol.id());
        }
    }

    @Test
    void aStrangersDirectMessageIsNotRoutedAndGetsAPoliteReply() {
        var reader = createMember("reader", "team");
        String text = unique("who are you");
        long before = accepted("xmpp-direct:bot");
        try (var stranger = XmppPerson.login("stranger")) {
            stranger.tell(BOT, text);

            await().atMost(DELIVERY).until(() -> !stranger.directMessages().isEmpty());
            assertThat(stranger.directMessages()).singleElement().asString()
                    .contains("stranger@localhost is not a Crosspost member's address");
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> stranger.directMessages().size() == 1);
            assertThat(teamShouts(as(reader), text)).isEmpty();
            assertThat(accepted("xmpp-direct:bot")).isEqualTo(before);
        }
    }

    @Test
    void commandsAreAnsweredNotRouted() {
        var dave = createMember("dave", "team");
        linkXmpp(dave, ProsodyServer.jid("dave"));
        String shout = unique("latest news");
        postShout(dave, shout);
        long before = accepted("xmpp-direct:bot");
        try (var client = XmppPerson.login("dave")) {
            client.tell(BOT, "!help");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 1);
            assertThat(client.directMessages().get(0)).contains("!help", "!last [n]", "!whoami");

            client.tell(BOT, "!whoami");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 2);
            assertThat(client.directMessages().get(1)).startsWith("You are " + dave.name() + " (member " + dave.id() + ")");

            client.tell(BOT, "!last 3");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 3);
            assertThat(client.directMessages().get(2)).startsWith("Last ").contains(dave.name() + ": " + shout);

            client.tell(BOT, "!dance");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 4);
            assertThat(client.directMessages().get(3)).contains("!dance", "!help");

            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> client.directMessages().size() == 4);
            assertThat(accepted("xmpp-direct:bot")).isEqualTo(before);
        }
    }
}

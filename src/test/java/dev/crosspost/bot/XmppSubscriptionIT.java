package dev.crosspost.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import dev.crosspost.xmpp.XmppITSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscribing from the chat bot, and shouts reaching an XMPP subscriber over a real Prosody. */
class XmppSubscriptionIT extends XmppITSupport {

    private static final String BOT = ProsodyServer.jid(ProsodyServer.BOT);

    private TestMember erin;

    @BeforeEach
    void botIsOnline() {
        awaitBotInTeamRoom();
    }

    @AfterEach
    void noSubscriptionsLeft() {
        if (erin != null) {
            as(erin).get("/api/subscriptions").json()
                    .forEach(s -> as(erin).delete("/api/subscriptions/" + s.get("id").asText()));
        }
    }

    @Test
    void aMemberSubscribesFromTheBotGetsEachShoutOnceButNotTheirOwnAndUnsubscribes() {
        erin = createMember("erin", "team");
        linkXmpp(erin, ProsodyServer.jid("erin"));
        TestMember author = createMember("author", "team");
        try (var client = XmppPerson.login("erin")) {
            client.tell(BOT, "!subscribe shoutbox:no-such-team");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 1);
            assertThat(client.directMessages().get(0)).isEqualTo("Not subscribed: no shoutbox 'no-such-team'.");

            client.tell(BOT, "!subscribe shoutbox:team");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 2);
            assertThat(client.directMessages().get(1)).isEqualTo("Subscribed to shoutbox:team by xmpp (immediately).");

            String news = unique("news for subscribers");
            postShout(author, news);
            String own = unique("my own shout");
            postShout(erin, own);
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 3);
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> client.directMessages().size() == 3);
            assertThat(client.directMessages().get(2)).isEqualTo("[shoutbox:team] " + author.name() + ": " + news);

            client.tell(BOT, "!subscriptions");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 4);
            assertThat(client.directMessages().get(3)).isEqualTo("You follow:\nshoutbox:team by xmpp, immediate");

            client.tell(BOT, "!unsubscribe shoutbox:team");
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == 5);
            assertThat(client.directMessages().get(4)).isEqualTo("Unsubscribed from shoutbox:team (xmpp).");

            postShout(author, unique("after unsubscribing"));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> client.directMessages().size() == 5);
            assertThat(as(erin).get("/api/subscriptions").json()).isEmpty();
        }
    }
}

package dev.crosspost.xmpp.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import dev.crosspost.xmpp.XmppITSupport;
import dev.crosspost.xmpp.connection.XmppSession;
import dev.crosspost.xmpp.presence.Presence.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bot's roster over a real Prosody: a member's contact request is approved and returned, a stranger's
 * denied; the presence the bot sees survives its reconnects (each with a new connection and roster).
 */
class XmppPresenceIT extends XmppITSupport {

    private static final String BOT = ProsodyServer.jid(ProsodyServer.BOT);

    @Autowired
    RosterPresence presence;

    @BeforeEach
    void botIsOnline() {
        awaitBotInTeamRoom();
    }

    @Test
    void aMembersContactRequestIsApprovedAndReturnedAndTheBotSeesTheirPresenceAcrossReconnects() {
        var ivan = createMember("ivan", "team");
        String jid = ProsodyServer.jid("ivan");
        linkXmpp(ivan, jid);
        try (var client = XmppPerson.loginApprovingContacts("ivan")) {
            assertThat(presence.of(jid)).isEqualTo(State.UNKNOWN);
            client.askForPresenceOf(BOT);
            // The bot approves and asks back; ivan's client approves that: presence is mutual.
            await().atMost(DELIVERY).until(() -> client.contact(BOT).subscription().equals("both"));
            assertThat(client.contactRequests()).containsExactly(BOT);
            await().atMost(DELIVERY).until(() -> presence.of(jid) == State.ONLINE);

            reconnectBot();
            await().atMost(DELIVERY).until(() -> presence.of(jid) == State.ONLINE);
        }
        await().atMost(DELIVERY).until(() -> presence.of(jid) == State.OFFLINE);

        // Logging in again, the bot learns that ivan is offline (the server answers its presence probe).
        reconnectBot();
        await().atMost(DELIVERY).until(() -> presence.of(jid) == State.OFFLINE);
    }

    @Test
    void aStrangersContactRequestIsDeniedAndNotReturned() {
        String jid = ProsodyServer.jid("stranger");
        unlinkXmpp(jid);
        try (var stranger = XmppPerson.login("stranger")) {
            stranger.askForPresenceOf(BOT);
            // Pending ("none", true) until the bot answers; approved would be "to".
            await().atMost(DELIVERY).until(() -> stranger.contact(BOT).equals(new XmppPerson.Contact("none", false)));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> stranger.contactRequests().isEmpty()
                    && stranger.contact(BOT).subscription().equals("none"));
            assertThat(presence.of(jid)).isEqualTo(State.UNKNOWN);
        }
    }

    /** Drops the bot's connection as a network failure would; it reconnects with a new one. */
    private void reconnectBot() {
        XmppSession before = bot.session();
        bot.lost(before, "test: connection dropped");
        await().atMost(DELIVERY).until(() -> bot.connected() && bot.session() != before);
    }
}

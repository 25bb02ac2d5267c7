package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.crosspost.xmpp.presence.Presence;
import dev.crosspost.support.Api;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * XMPP notifications follow the member's "when I am offline" setting, by the presence the bot sees in its
 * roster (real Prosody, GreenMail).
 */
class NotificationPresenceIT extends NotifySupport {

    private static final String BOT = ProsodyServer.jid(ProsodyServer.BOT);
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Autowired
    Presence presence;

    @Test
    void offlineWithMailChosenTheShoutComesByMailAndNotAsAnImOnlineAsAnIm() throws Exception {
        TestMember grace = member("grace");
        String jid = ProsodyServer.jid("grace");
        linkXmpp(grace, jid);
        setXmppOffline(grace, "mail");
        TestMember author = member("author");
        String subscription;
        try (var client = XmppPerson.loginApprovingContacts("grace")) {
            // Subscribing by XMPP makes the bot ask for her presence; her client approves.
            subscription = subscribe(grace, "shoutbox:" + TEAM, "xmpp", "immediate");
            await().atMost(DELIVERY).until(() -> presence.of(jid) == Presence.State.ONLINE);
            assertThat(client.contactRequests()).containsExactly(BOT);
            client.askForPresenceOf(BOT);
            await().atMost(DELIVERY).until(() -> client.contact(BOT).subscription().equals("both"));

            String online = unique("while online");
            String messageId = shout(author, TEAM, online);
            await().atMost(DELIVERY).until(() -> client.directMessages()
                    .contains("[shoutbox:" + TEAM + "] " + author.name() + ": " + online));
            await().atMost(DELIVERY).until(() -> delivery(messageId, subscription) != null);
            assertThat(delivery(messageId, subscription)).isEqualTo(queued("xmpp:" + jid, messageId, subscription));
            assertThat(mailsTo(email(grace), online)).isEmpty();
        }
        // Her client has gone: the server tells the bot.
        await().atMost(DELIVERY).until(() -> presence.of(jid) == Presence.State.OFFLINE);

        String offline = unique("while offline");
        String offlineId = shout(author, TEAM, offline);
        await().atMost(DELIVERY).until(() -> delivery(offlineId, subscription) != null);
        assertThat(delivery(offlineId, subscription)).isEqualTo(queued("mail:" + email(grace), offlineId, subscription));
        await().atMost(DELIVERY).until(() -> mailsTo(email(grace), offline).size() == 1);
        MimeMessage mail = mailsTo(email(grace), offline).get(0);
        assertThat(mail.getSubject()).contains("shoutbox:" + TEAM + ": " + author.name());
        assertThat(plainText(mail)).contains(author.name() + " wrote on shoutbox:" + TEAM).contains(offline);

        try (var back = XmppPerson.login("grace")) {
            // Nothing was kept for her on the server (the "send" test below shows what that would look like).
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> back.directMessages().stream().noneMatch(m -> m.contains(offline)));
            await().atMost(DELIVERY).until(() -> presence.of(jid) == Presence.State.ONLINE);
        }
        assertThat(mailsTo(email(grace), offline)).hasSize(1);
    }

    @Test
    void offlineWithTheDefaultSettingTheServerKeepsTheImUntilTheMemberIsBack() {
        TestMember heidi = member("heidi");
        String jid = ProsodyServer.jid("heidi");
        linkXmpp(heidi, jid);
        assertThat(as(heidi).get("/api/subscriptions/settings").json().get("xmppOffline").asText()).isEqualTo("send");
        TestMember author = member("author");
        String subscription;
        try (var client = XmppPerson.loginApprovingContacts("heidi")) {
            subscription = subscribe(heidi, "shoutbox:" + TEAM, "xmpp", "immediate");
            await().atMost(DELIVERY).until(() -> presence.of(jid) == Presence.State.ONLINE);
        }
        await().atMost(DELIVERY).until(() -> presence.of(jid) == Presence.State.OFFLINE);

        String offline = unique("kept for heidi");
        String messageId = shout(author, TEAM, offline);
        await().atMost(DELIVERY).until(() -> delivery(messageId, subscription) != null);
        assertThat(delivery(messageId, subscription)).isEqualTo(queued("xmpp:" + jid, messageId, subscription));

        try (var back = XmppPerson.login("heidi")) {
            await().atMost(DELIVERY).until(() -> back.storedMessages()
                    .contains("[shoutbox:" + TEAM + "] " + author.name() + ": " + offline));
        }
        assertThat(mailsTo(email(heidi), offline)).isEmpty();
    }

    @Test
    void aMemberWhoMovesToAnotherXmppAddressIsAskedForTheirPresenceThere() {
        TestMember judy = member("judy");
        linkXmpp(judy, "judy-old@" + ProsodyServer.DOMAIN);
        subscribe(judy, "shoutbox:" + TEAM, "xmpp", "immediate");
        String jid = ProsodyServer.jid("judy");
        unlinkXmpp(jid);
        try (var client = XmppPerson.loginApprovingContacts("judy")) {
            var moved = as(judy).put("/api/members/" + judy.id() + "/profile", Api.json(Map.of("xmpp", jid)));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            // the new address counts once confirmed: with the code the bot sent there
            await().atMost(DELIVERY).until(() -> client.directMessages().stream().anyMatch(m -> m.contains("code is")));
            String code = client.directMessages().stream().filter(m -> m.contains("code is")).findFirst().orElseThrow()
                    .replaceAll("(?s).*code is (\\d{6}).*", "$1");
            client.tell(BOT, "!verify " + code);

            await().atMost(DELIVERY).until(() -> client.contactRequests().contains(BOT));
            await().atMost(DELIVERY).until(() -> presence.of(jid) == Presence.State.ONLINE);
        }
    }

    private void setXmppOffline(TestMember member, String value) {
        var response = as(member).put("/api/subscriptions/settings", Api.json(Map.of("xmppOffline", value)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** The mails to {@code address} whose text contains {@code part}. */
    private static List<MimeMessage> mailsTo(String address, String part) {
        return mailsTo(address).stream().filter(m -> {
            try {
                String text = plainText(m);
                return text != null && text.contains(part);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Where the notify task sent the message for one subscription: its {@code notified_<subscription>} variable. */
    private String delivery(String messageId, String subscriptionId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(messageId).finished()
                .list().stream()
                .map(pi -> history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                        .variableName("notified_" + subscriptionId).singleResult())
                .filter(v -> v != null)
                .map(v -> String.valueOf(v.getValue()))
                .findFirst().orElse(null);
    }

    private static String queued(String target, String messageId, String subscriptionId) {
        return "QUEUED to " + target + " (send " + outboxId(messageId, subscriptionId) + ")";
    }
}

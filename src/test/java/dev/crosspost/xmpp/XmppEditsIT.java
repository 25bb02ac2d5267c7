package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import dev.crosspost.message.MessageChanges;
import dev.crosspost.support.Api;
import dev.crosspost.support.Browser;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Corrections and retractions between the shoutbox and the room, against a real Prosody, seen by a second, independent
 * client (Smack) in the room and, for the shoutbox side, a real Chromium on the shoutbox page. Shouts are edited and
 * removed through the API (PATCH, DELETE); the Cockpit test changes a message through {@link MessageChanges}, as the
 * shoutbox calls it.
 */
class XmppEditsIT extends XmppITSupport {

    @Autowired
    MessageChanges changes;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void botIsInTheTeamRoom() {
        awaitBotInTeamRoom();
    }

    @Test
    void aShoutPostedEditedAndRemovedThroughTheApiIsSaidCorrectedAndRetractedInTheRoomWithoutALoop() {
        var poster = createMember("editor", "team");
        String text = unique("helo room");
        String room = "xmpp-room:" + TEAM_ROOM;
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);
            postShout(poster, text);
            await().atMost(DELIVERY).until(() -> !alice.linesContaining(TEAM_ROOM, text).isEmpty());
            String shout = "/api/shoutboxes/team/shouts/" + teamShouts(as(poster), text).get(0).path("id").asText();
            long acceptedInRoom = accepted(room);
            long acceptedOnShoutbox = accepted("shoutbox:team");

            String fixed = text.replace("helo", "hello");
            assertThat(as(poster).patch(shout, Api.json(Map.of("text", fixed))).status()).isEqualTo(200);
            await().atMost(DELIVERY).until(() -> fromBot(alice, text.substring(5)).size() == 2);
            assertThat(as(poster).delete(shout).status()).isEqualTo(204);

            await().atMost(DELIVERY).until(() -> fromBot(alice, text.substring(5)).size() >= 3);
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> fromBot(alice, text.substring(5)).size() == 3);
            List<XmppPerson.Seen> seen = fromBot(alice, text.substring(5));
            var line = seen.get(0);
            assertThat(line.change()).isNull();
            assertThat(line.text()).isEqualTo("[team] " + poster.name() + ": " + text);
            assertThat(seen.get(1).change()).isEqualTo("correct");
            assertThat(seen.get(1).of()).isEqualTo(line.id());
            assertThat(seen.get(1).text()).isEqualTo("[team] " + poster.name() + ": " + fixed);
            assertThat(seen.get(2).change()).isEqualTo("retract");
            assertThat(seen.get(2).of()).isEqualTo(line.id());
            assertThat(seen.get(2).text()).as("a fallback body for clients without XEP-0424").isNotBlank();
            // No loop: the bot's own correction and retraction, echoed by the room, are no new messages, and the
            // shout was not posted again.
            assertThat(accepted(room)).as("messages taken in from the room").isEqualTo(acceptedInRoom);
            assertThat(accepted("shoutbox:team")).as("messages taken in from the shoutbox").isEqualTo(acceptedOnShoutbox);
            assertThat(teamShouts(as(poster), text)).isEmpty();
            assertThat(teamShouts(as(poster), fixed)).isEmpty();
        }
    }

    @Test
    void cockpitListsAMessagesCorrectionAndRemovalWithWhereEachWentAndItsOutcome() {
        var poster = createMember("traced", "team");
        String text = unique("traced line");
        postShout(poster, text);
        String messageId = teamShouts(as(poster), text).get(0).path("id").asText();
        awaitQueueDone(messageId);
        await().atMost(DELIVERY).until(() -> actions(messageId).contains("say sent xmpp-room:" + TEAM_ROOM));

        tx.executeWithoutResult(s -> changes.edited(messageId, text + " edited"));
        tx.executeWithoutResult(s -> changes.removed(messageId));

        await().atMost(DELIVERY).until(() -> actions(messageId).containsAll(List.of(
                "correct sent xmpp-room:" + TEAM_ROOM, "retract sent xmpp-room:" + TEAM_ROOM)));
        assertThat(actions(messageId)).filteredOn(a -> a.startsWith("correct") || a.startsWith("retract"))
                .containsOnly("correct sent xmpp-room:" + TEAM_ROOM, "retract sent xmpp-room:" + TEAM_ROOM);
    }

    /** The message's sends as Cockpit's Messages tab reads them: action, outcome, target. */
    private List<String> actions(String messageId) {
        var sends = admin().get("/api/cockpit/sends?messageIds=" + messageId).json();
        List<String> actions = new java.util.ArrayList<>();
        sends.forEach(s -> actions.add(s.path("action").asText() + " " + s.path("outcome").asText() + " "
                + s.path("target").asText()));
        return actions;
    }

    @Test
    void aRemovedStorysAnnouncementIsRetractedInTheRoom() {
        var author = createMember("storyteller", "team");
        String title = unique("Story to remove");
        try (var alice = XmppPerson.login("alice")) {
            alice.join(TEAM_ROOM, 0);
            var created = as(author).post("/api/stories", dev.crosspost.support.Api.json(
                    java.util.Map.of("title", title, "body", "soon gone", "team", "team")));
            assertThat(created.status()).isEqualTo(201);
            await().atMost(DELIVERY).until(() -> !alice.linesContaining(TEAM_ROOM, title).isEmpty());

            assertThat(as(author).delete("/api/stories/" + created.json().path("id").asText()).status())
                    .isEqualTo(204);

            await().atMost(DELIVERY).until(() -> fromBot(alice, title).size() == 2);
            var seen = fromBot(alice, title);
            assertThat(seen.get(0).text()).contains("created story \"" + title);
            assertThat(seen.get(1).change()).isEqualTo("retract");
            assertThat(seen.get(1).of()).isEqualTo(seen.get(0).id());
        }
    }

    /** The bot's messages in the room about this run's line: the line, and its changes (named by the line's id). */
    private static List<XmppPerson.Seen> fromBot(XmppPerson person, String part) {
        List<XmppPerson.Seen> all = person.seen(TEAM_ROOM).stream().filter(s -> "crosspost".equals(s.nickname()))
                .toList();
        List<String> lineIds = all.stream().filter(s -> s.change() == null && s.text() != null
                && s.text().contains(part)).map(XmppPerson.Seen::id).toList();
        return all.stream().filter(s -> lineIds.contains(s.id()) || lineIds.contains(s.of())).toList();
    }

    @Test
    void aMembersCorrectionAndRetractionChangeTheMessageAndAStrangersForgeryChangesNothing() {
        var bobMember = createMember("bob", "team");
        linkXmpp(bobMember, ProsodyServer.jid("bob"));
        String text = unique("typo line");
        String lineId = unique("bob-line");
        String channel = "xmpp-room:" + TEAM_ROOM;
        try (var bob = XmppPerson.login("bob"); var stranger = XmppPerson.login("stranger")) {
            bob.join(TEAM_ROOM, 0);
            stranger.join(TEAM_ROOM, 0);
            bob.say(TEAM_ROOM, text, lineId);
            await().atMost(DELIVERY).until(() -> messageText(lineId) != null);
            long accepted = accepted(channel);

            stranger.correct(TEAM_ROOM, lineId, "forged");
            bob.correct(TEAM_ROOM, lineId, text + " fixed");

            await().atMost(DELIVERY).until(() -> (text + " fixed").equals(messageText(lineId)));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> changes(lineId) == 1);

            stranger.retract(TEAM_ROOM, lineId);
            bob.retract(TEAM_ROOM, lineId);

            await().atMost(DELIVERY).until(() -> changes(lineId) == 2);
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> changes(lineId) == 2);
            assertThat(messageText(lineId)).isEqualTo(text + " fixed");
            assertThat(accepted(channel)).as("a change is no new message").isEqualTo(accepted);
        }
    }

    @Test
    void aMembersCorrectionAndRetractionChangeAndRemoveTheShoutOnAnOpenPageAndAStrangersForgeriesDoNot() {
        var daveMember = createMember("dave", "team");
        linkXmpp(daveMember, ProsodyServer.jid("dave"));
        var reader = createMember("reader", "team");
        String text = unique("page typo");
        String lineId = unique("dave-line");
        try (var dave = XmppPerson.login("dave"); var stranger = XmppPerson.login("stranger");
             Browser page = new Browser()) {
            dave.join(TEAM_ROOM, 0);
            stranger.join(TEAM_ROOM, 0);
            page.login(port, reader.id(), reader.password());
            page.driver().get("http://127.0.0.1:" + port + "/shoutbox/team");
            await().ignoreExceptions().atMost(DELIVERY).until(() -> page.driver().findElement(By.id("title")).getText()
                    .equals("shoutbox:team"));

            dave.say(TEAM_ROOM, text, lineId);
            await().atMost(DELIVERY).until(() -> !teamShouts(as(reader), text).isEmpty());
            By shout = By.cssSelector("#shouts li[data-id='" + teamShouts(as(reader), text).get(0).path("id").asText()
                    + "']");
            await().ignoreExceptions().atMost(DELIVERY).until(() -> shownText(page, shout).equals(text));

            // A stranger's forged correction: the page keeps the line as it was.
            stranger.correct(TEAM_ROOM, lineId, "forged");
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> shownText(page, shout).equals(text));
            assertThat(page.driver().findElement(shout).findElements(By.cssSelector(".edited"))).isEmpty();

            // The member's own correction changes it live, marked edited.
            dave.correct(TEAM_ROOM, lineId, text + " fixed");
            await().ignoreExceptions().atMost(DELIVERY).until(() -> shownText(page, shout).equals(text + " fixed"));
            assertThat(page.driver().findElement(shout).findElement(By.cssSelector(".edited")).getText())
                    .startsWith("edited ");

            // A stranger's forged retraction leaves it there; the member's own takes it off the page, live.
            stranger.retract(TEAM_ROOM, lineId);
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).ignoreExceptions()
                    .until(() -> shownText(page, shout).equals(text + " fixed"));
            dave.retract(TEAM_ROOM, lineId);
            await().atMost(DELIVERY).until(() -> page.driver().findElements(shout).isEmpty());
            assertThat(teamShouts(as(reader), text + " fixed")).isEmpty();
        }
    }

    private static String shownText(Browser page, By shout) {
        return page.driver().findElement(shout).findElement(By.cssSelector(".text")).getText();
    }

    @Test
    void aMembersCorrectionOfADirectMessageChangesTheMessage() {
        var carol = createMember("carol", "team");
        linkXmpp(carol, ProsodyServer.jid("carol"));
        String text = unique("direct typo");
        String id = unique("carol-dm");
        try (var client = XmppPerson.login("carol")) {
            client.tell(ProsodyServer.jid(ProsodyServer.BOT), text, id);
            await().atMost(DELIVERY).until(() -> messageText(id) != null);

            client.correctDirect(ProsodyServer.jid(ProsodyServer.BOT), id, text + " fixed");

            await().atMost(DELIVERY).until(() -> (text + " fixed").equals(messageText(id)));
            assertThat(changes(id)).isEqualTo(1);
        }
    }

    private String messageText(String wireId) {
        return jdbc.sql("select text from crosspost.messages where wire_id = ?").param(wireId).query(String.class)
                .optional().orElse(null);
    }

    private int changes(String wireId) {
        return jdbc.sql("select changes from crosspost.messages where wire_id = ?").param(wireId)
                .query(Integer.class).single();
    }
}

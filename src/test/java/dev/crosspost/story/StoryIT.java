package dev.crosspost.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.TestServers;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Stories end to end: API → story row + event:story message in one transaction → story-events queue. */
class StoryIT extends AbstractIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;
    @Autowired
    StoryEvents events;
    @Autowired
    StoryStore store;

    private TestMember alice;
    private StoryEventsSupport queue;

    @BeforeEach
    void members() {
        alice = createMember("alice", createTeam("crew"));
        queue = new StoryEventsSupport(admin());
    }

    @Test
    void creatingUpdatingAndCommentingEachStartOneStoryEventThatTellsTheRoomOnce() {
        try (XmppPerson carol = XmppPerson.login("carol")) {
            carol.join(TestServers.TEAM_ROOM, 0);
            createUpdateAndComment(carol);
        }
    }

    private void createUpdateAndComment(XmppPerson carol) {
        var created = as(alice).post("/api/stories", Api.json(Map.of("title", "Lunch on Friday",
                "body", "Pizza at noon.\nBring friends.")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("author").asText()).isEqualTo(alice.id());
        assertThat(created.json().get("version").asInt()).isEqualTo(1);

        var updated = as(alice).put("/api/stories/" + id, Api.json(Map.of("title", "Lunch on Friday, 12:30")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);
        assertThat(updated.json().get("body").asText()).isEqualTo("Pizza at noon.\nBring friends.");

        var comment = as(alice).post("/api/stories/" + id + "/comments", Api.json(Map.of("body", "I'm in")));
        assertThat(comment.status()).as(comment.body()).isEqualTo(201);
        String commentId = comment.json().get("id").asText();

        String url = "http://localhost:8080/stories/" + id;
        assertEvent(id, "story.created", "story.created:" + id,
                alice.name() + " created story \"Lunch on Friday\": " + url);
        assertEvent(id, "story.updated", "story.updated:" + id + ":2",
                alice.name() + " updated story \"Lunch on Friday, 12:30\": " + url);
        assertEvent(id, "comment.created", "comment.created:" + commentId,
                alice.name() + " commented on story \"Lunch on Friday, 12:30\": \"I'm in\" " + url + "#comment-"
                        + commentId);

        // a member in the team room (real Prosody) hears each event once
        List<String> lines = List.of(
                "[stories] " + alice.name() + " created story \"Lunch on Friday\": " + url,
                "[stories] " + alice.name() + " updated story \"Lunch on Friday, 12:30\": " + url,
                "[stories] " + alice.name() + " commented on story \"Lunch on Friday, 12:30\": \"I'm in\" " + url
                        + "#comment-" + commentId);
        await().atMost(Duration.ofSeconds(30)).until(() -> carol.linesContaining(TestServers.TEAM_ROOM, id).size() >= 3);
        queue.settled(id, jdbc);
        assertThat(carol.linesContaining(TestServers.TEAM_ROOM, id)).containsExactlyInAnyOrderElementsOf(lines);
        for (String kind : new String[] {"story.created", "story.updated", "comment.created"}) {
            assertThat(queue.instances(id, kind)).as(kind).hasSize(1);
        }
        JsonNode read = as(alice).get("/api/stories/" + id).json();
        assertThat(read.get("story").get("title").asText()).isEqualTo("Lunch on Friday, 12:30");
        assertThat(read.get("comments")).hasSize(1);
        assertThat(read.get("comments").get(0).get("body").asText()).isEqualTo("I'm in");
    }

    @Test
    void aReplayedEventIsNotASecondEvent() {
        String id = as(alice).post("/api/stories", Api.json(Map.of("title", "Once", "body", "only once")))
                .json().get("id").asText();
        queue.completedOnce(id, "story.created");

        Story story = store.find(id).orElseThrow();
        var again = inbox.accept(events.created(story));

        assertThat(again.duplicate()).isTrue();
        // a second start would have happened in accept's own transaction, before it returned
        assertThat(queue.instances(id, "story.created")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from crosspost.messages where channel = 'event:story' and external_id = ?")
                .param("story.created:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aStaleEditIsRefusedAndAnnouncesNothing() {
        String id = as(alice).post("/api/stories", Api.json(Map.of("title", "Draft", "body", "v1")))
                .json().get("id").asText();
        assertThat(as(alice).put("/api/stories/" + id, Api.json(Map.of("body", "v2", "version", 1))).status())
                .isEqualTo(200);

        var stale = as(alice).put("/api/stories/" + id, Api.json(Map.of("body", "v2 too", "version", 1)));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("message").asText()).contains("changed meanwhile");
        queue.completedOnce(id, "story.updated");
        // an event of the refused edit would have been accepted in the request's own transaction, before the 409
        assertThat(queue.instances(id, "story.updated")).hasSize(1);
        assertThat(as(alice).get("/api/stories/" + id).json().get("story").get("body").asText()).isEqualTo("v2");
    }

    private void assertEvent(String storyId, String kind, String externalId, String text) {
        JsonNode instance = queue.completedOnce(storyId, kind);
        String pid = instance.get("id").asText();
        String messageId = instance.get("businessKey").asText();
        assertThat(queue.variable(pid, "messageId")).containsExactly(messageId);
        assertThat(queue.variable(pid, "text")).containsExactly(text);
        assertThat(queue.variable(pid, "url")).containsExactly("http://localhost:8080/stories/" + storyId);
        // the message row: the event's own id is its external id on event:story
        assertThat(jdbc.sql("select external_id from crosspost.messages where id = ? and channel = 'event:story'")
                .param(messageId).query(String.class).single()).isEqualTo(externalId);
        // the room was told once, by one run of the task
        assertThat(queue.activityRuns(pid, "Task_AnnounceInRoom")).isEqualTo(1);
        String outboxId = OutgoingMessage.idFor(messageId, "Task_AnnounceInRoom");
        assertThat(queue.variable(pid, "delivery_Task_AnnounceInRoom"))
                .containsExactly("QUEUED to xmpp-room:" + TestServers.TEAM_ROOM + " (send " + outboxId + ")");
        await().until(() -> "SENT".equals(jdbc.sql("select status from crosspost.outbox where id = ?")
                .param(outboxId).query(String.class).single()));
    }
}

package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.EventStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Editing shouts through the API: who may, until when, what the stream says, and relayed copies that follow. */
class ShoutEditIT extends AbstractIT {

    private static final String SOURCE = "it-source";
    private static final String MIRROR = "it-mirror";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ShoutboxOutbound outbound;
    @Autowired
    private TransactionTemplate transactions;

    private String crew;
    private TestMember alice;
    private TestMember bob;
    private TestMember moderator;
    private TestMember otherModerator;

    @BeforeEach
    void members() {
        for (String fixed : List.of(SOURCE, MIRROR, Moderation.MODERATORS)) {
            if (identity.createGroupQuery().groupId(fixed).count() == 0) {
                var g = identity.newGroup(fixed);
                g.setName(fixed);
                identity.saveGroup(g);
            }
        }
        crew = createTeam("crew");
        alice = createMember("alice", crew, SOURCE, MIRROR);
        bob = createMember("bob", crew, SOURCE);
        moderator = createMember("mona", crew, Moderation.MODERATORS);
        otherModerator = createMember("otto", createTeam("other"), Moderation.MODERATORS);
    }

    @Test
    void theAuthorEditsTheTextEveryOpenStreamGetsShoutEditedAndTheQueueDoesNotRunAgain() throws Exception {
        String shouts = "/api/shoutboxes/" + SOURCE + "/shouts";
        JsonNode posted = as(alice).post(shouts, Api.json(Map.of("text", "stand-up at 10 " + unique("t")))).json();
        String id = posted.get("id").asText();
        assertThat(posted.get("editedAt").isNull()).isTrue();
        assertThat(Instant.parse(posted.get("editableUntil").asText()))
                .isEqualTo(Instant.parse(posted.get("createdAt").asText()).plus(Duration.ofMinutes(15)));
        awaitQueueDone(id);

        try (EventStream stream = new EventStream(as(bob), "/api/shoutboxes/" + SOURCE + "/stream")) {
            var edited = as(alice).patch(shouts + "/" + id, Api.json(Map.of("text", "stand-up at 10:30\u0007")));

            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            assertThat(edited.json().get("id").asText()).isEqualTo(id);
            assertThat(edited.json().get("text").asText()).isEqualTo("stand-up at 10:30");
            assertThat(edited.json().get("editedAt").isNull()).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> !stream.events("shout-edited").isEmpty());
            JsonNode pushed = JSON.readTree(stream.events("shout-edited").get(0));
            assertThat(pushed.get("id").asText()).isEqualTo(id);
            assertThat(pushed.get("text").asText()).isEqualTo("stand-up at 10:30");
            assertThat(pushed.get("editedAt").asText()).isEqualTo(edited.json().get("editedAt").asText());
            assertThat(stream.events()).as("an edit is not a new shout").isEmpty();
        }
        JsonNode listed = StreamSupport.stream(as(alice).get(shouts + "?limit=500").json().spliterator(), false)
                .filter(s -> s.get("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(listed.get("text").asText()).isEqualTo("stand-up at 10:30");
        // Not a new message: still the one flow it started when it was posted.
        assertThat(admin().get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + id).json())
                .hasSize(1);
    }

    @Test
    void everyRefusalHasItsStatusAndMessage() {
        String shouts = "/api/shoutboxes/" + crew + "/shouts";
        String id = as(alice).post(shouts, Api.json(Map.of("text", "typo hre"))).json().get("id").asText();
        String path = shouts + "/" + id;
        String fix = Api.json(Map.of("text", "typo here"));

        assertError(anonymous().patch(path, fix), 401, "log in");
        assertError(as(bob).patch(path, fix), 403, "only the author, a moderator or an admin");
        assertError(as(otherModerator).patch(path, fix), 403, "not a member");
        assertError(as(createMember("olga")).patch(path, fix), 403, "not a member");
        assertError(as(alice).patch(shouts + "/no-such-shout", fix), 404, "no shout");
        assertError(as(alice).patch("/api/shoutboxes/no-such-team-" + unique("x") + "/shouts/" + id, fix), 404,
                "no shoutbox");
        String elsewhere = createTeam("elsewhere");
        identity.createMembership(alice.id(), elsewhere);
        assertError(as(alice).patch("/api/shoutboxes/" + elsewhere + "/shouts/" + id, fix), 404, "no shout");
        assertError(as(alice).patch(path, "{\"text\": \"  \\n \"}"), 400, "empty");
        assertError(as(alice).patch(path, Api.json(Map.of("text", "x".repeat(4001)))), 400, "longer than 4000");
        assertError(as(alice).patch(path, "{}"), 400, "'text' is required");
        assertError(as(alice).patch(path, "{\"text\": "), 400, "not valid JSON");
        assertThat(text(crew, id)).isEqualTo("typo hre");

        // Past the edit window the author is refused; a moderator of the team and an admin still may.
        jdbc.sql("update crosspost.shouts set created_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(16))), id).update();
        assertError(as(alice).patch(path, fix), 409, "15 minutes after it was posted");
        assertThat(as(moderator).patch(path, fix).status()).isEqualTo(200);
        assertThat(text(crew, id)).isEqualTo("typo here");
        var byAdmin = admin().patch(path, Api.json(Map.of("text", "typo here, really")));
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("text").asText()).isEqualTo("typo here, really");
        assertThat(jdbc.sql("select edited_by from crosspost.shouts where id = ?").param(id).query(String.class)
                .single()).isEqualTo("admin");
    }

    @Test
    void aRelayedCopyIsNotEditedHereButFollowsItsMessageThroughTheShoutboxPort() throws Exception {
        String text = "copy me " + unique("t");
        String messageId = as(alice).post("/api/shoutboxes/" + SOURCE + "/shouts", Api.json(Map.of("text", text)))
                .json().get("id").asText();
        awaitQueueDone(messageId);
        List<OutboundPort.Copy> copies = outbound.copiesOf(messageId);
        assertThat(copies).hasSize(1);
        String copy = copies.get(0).id();
        assertThat(text(MIRROR, copy)).isEqualTo(alice.name() + " said: " + text);
        assertThat(outbound.changesDelivered()).isTrue();

        String copyPath = "/api/shoutboxes/" + MIRROR + "/shouts/" + copy;
        assertError(as(alice).patch(copyPath, Api.json(Map.of("text", "mine"))), 409, "relayed from shoutbox:" + SOURCE);
        assertError(admin().patch(copyPath, Api.json(Map.of("text", "mine"))), 409, "edits it there");

        // the original's edit reaches the copy, whose frame stays
        String fixed = "fixed " + text;
        assertThat(as(alice).patch("/api/shoutboxes/" + SOURCE + "/shouts/" + messageId,
                Api.json(Map.of("text", fixed))).status()).isEqualTo(200);
        assertThat(text(MIRROR, copy)).isEqualTo(alice.name() + " said: " + fixed);

        ChannelAddress mirror = ChannelAddress.of(ShoutboxService.KIND, MIRROR);
        try (EventStream stream = new EventStream(as(alice), "/api/shoutboxes/" + MIRROR + "/stream")) {
            var correction = new OutgoingMessage(OutgoingMessage.idFor(copy, "edit-1"), messageId, null, alice.id(),
                    alice.name(), alice.name() + " said: corrected");
            transactions.executeWithoutResult(t -> outbound.correct(mirror, correction, copy).join());
            assertThat(text(MIRROR, copy)).isEqualTo(alice.name() + " said: corrected");
            await().atMost(Duration.ofSeconds(20)).until(() -> !stream.events("shout-edited").isEmpty());
            assertThat(JSON.readTree(stream.events("shout-edited").get(0)).get("editedAt").isNull()).isFalse();

            var retraction = new OutgoingMessage(OutgoingMessage.idFor(copy, "remove"), messageId, null, alice.id(),
                    alice.name(), "(removed)");
            transactions.executeWithoutResult(t -> outbound.retract(mirror, retraction, copy).join());
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.events("shout-deleted").stream()
                    .anyMatch(e -> e.contains(copy)));
        }
        assertThat(text(MIRROR, copy)).isNull();
        assertThat(outbound.copiesOf(messageId)).isEmpty();
        // The original stays; a copy gone meanwhile has nothing left to change.
        assertThat(text(SOURCE, messageId)).isEqualTo(fixed);
        transactions.executeWithoutResult(t -> outbound.correct(mirror, new OutgoingMessage("x", messageId, null,
                null, null, "late"), copy).join());
        assertThat(text(MIRROR, copy)).isNull();
    }

    private String text(String box, String id) {
        return StreamSupport.stream(admin().get("/api/shoutboxes/" + box + "/shouts?limit=500").json().spliterator(),
                        false).filter(s -> s.get("id").asText().equals(id)).findFirst()
                .map(s -> s.get("text").asText()).orElse(null);
    }

    private void assertError(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).contains(messagePart);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.crosspost");
    }
}

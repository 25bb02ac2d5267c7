package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shoutbox channel end to end: API → Inbox → BPMN queue → redirect → another shoutbox. */
class ShoutboxIT extends AbstractIT {

    private static final String SOURCE = "it-source";
    private static final String MIRROR = "it-mirror";

    private String team;
    private TestMember alice;

    @BeforeEach
    void teams() {
        for (String fixed : List.of(SOURCE, MIRROR)) {
            if (identity.createGroupQuery().groupId(fixed).count() == 0) {
                var g = identity.newGroup(fixed);
                g.setName(fixed);
                identity.saveGroup(g);
            }
        }
        team = createTeam("crew");
        alice = createMember("alice", team, SOURCE, MIRROR);
    }

    @Test
    void aPostedShoutIsStoredAndStartsExactlyOneProcessInstanceWithItsIdAsBusinessKey() {
        var posted = as(alice).post("/api/shoutboxes/" + SOURCE + "/shouts", Api.json(Map.of("text", "hello crew")));

        assertThat(posted.status()).isEqualTo(201);
        JsonNode shout = posted.json();
        assertThat(shout.get("text").asText()).isEqualTo("hello crew");
        assertThat(shout.get("author").asText()).isEqualTo(alice.id());
        assertThat(shout.get("authorName").asText()).isEqualTo(alice.name());
        assertThat(shout.get("shoutbox").asText()).isEqualTo(SOURCE);
        String id = shout.get("id").asText();

        JsonNode instances = admin().get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + id).json();
        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).get("processDefinitionKey").asText()).isEqualTo("it-mirror");

        JsonNode list = as(alice).get("/api/shoutboxes/" + SOURCE + "/shouts?limit=5").json();
        assertThat(list.get(0).get("id").asText()).isEqualTo(id);
    }

    @Test
    void theRedirectDeliversTheShoutToTheTargetShoutboxExactlyOnceMarkedWithItsOrigin() {
        String text = "mirror me " + unique("t");
        String messageId = as(alice).post("/api/shoutboxes/" + SOURCE + "/shouts", Api.json(Map.of("text", text)))
                .json().get("id").asText();

        String expected = alice.name() + " said: " + text;
        awaitQueueDone(messageId); // the redirect runs as a job (it-mirror's asyncBefore)
        assertThat(countText(MIRROR, expected)).isEqualTo(1);
        JsonNode relayed = shoutsOf(MIRROR).stream().filter(s -> s.get("text").asText().equals(expected)).findFirst()
                .orElseThrow();
        assertThat(relayed.get("origin").asText()).isEqualTo("shoutbox:" + SOURCE);
        assertThat(relayed.get("author").asText()).isEqualTo(alice.id());
        // The relayed shout did not enter the Inbox again: the source box has its shout once, nothing echoed.
        assertThat(countText(SOURCE, text)).isEqualTo(1);
        assertThat(shoutsOf(SOURCE)).noneMatch(s -> s.get("text").asText().contains("said: "));
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstShoutAndStartsNothingNew() {
        String path = "/api/shoutboxes/" + team + "/shouts";
        var first = as(alice).post(path, Api.json(Map.of("text", "only once")), "Idempotency-Key", "k-1");
        var again = as(alice).post(path, Api.json(Map.of("text", "only once")), "Idempotency-Key", "k-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(countText(team, "only once")).isEqualTo(1);

        // Another member choosing the same key gets their own shout.
        TestMember bob = createMember("bob", team);
        var bobs = as(bob).post(path, Api.json(Map.of("text", "only once")), "Idempotency-Key", "k-1");
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
    }

    @Test
    void aShoutOnAChannelWithoutQueueIsKeptAndCountedAsUnrouted() {
        var posted = as(alice).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "anyone?")));

        assertThat(posted.status()).isEqualTo(201);
        JsonNode channels = admin().get("/api/channels").json();
        JsonNode row = StreamSupport.stream(channels.spliterator(), false)
                .filter(c -> c.get("address").asText().equals("shoutbox:" + team)).findFirst().orElseThrow();
        assertThat(row.get("accepted").asLong()).isEqualTo(1);
        assertThat(row.get("unrouted").asLong()).isEqualTo(1);
        assertThat(row.get("processKey").isNull()).isTrue();
        JsonNode routed = StreamSupport.stream(channels.spliterator(), false)
                .filter(c -> c.get("address").asText().equals("shoutbox:team")).findFirst().orElseThrow();
        assertThat(routed.get("processKey").asText()).isEqualTo("shoutbox-team");
        assertThat(routed.get("cockpitUrl").asText()).startsWith("/camunda/app/cockpit/");
    }

    @Test
    void badInputGetsA4xxWithAMessage() {
        String path = "/api/shoutboxes/" + team + "/shouts";
        Api api = as(alice);
        assertError(api.post(path, "{\"text\": \"\"}"), 400, "empty");
        assertError(api.post(path, "{\"text\": \"  \\n\\t \"}"), 400, "empty");
        assertError(api.post(path, Api.json(Map.of("text", "x".repeat(4001)))), 400, "longer than 4000");
        assertError(api.post(path, "{\"text\": "), 400, "not valid JSON");
        assertError(api.post(path, "{}"), 400, "'text' is required");
        assertError(api.post(path, "[1,2]"), 400, "not valid JSON");
        assertError(api.send(api.request(path).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hi"))), 415, "");
        assertError(api.get(path + "?limit=0"), 400, "limit");
        assertError(api.get(path + "?limit=abc"), 400, "limit");
        assertThat(api.get(path).json()).isEmpty();
    }

    @Test
    void controlCharactersAreStrippedAndTheLimitIsAccepted() {
        String path = "/api/shoutboxes/" + team + "/shouts";
        var posted = as(alice).post(path, Api.json(Map.of("text", "bell\u0007 and\u001b esc\r\nnext line")));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("text").asText()).isEqualTo("bell and esc\nnext line");
        // A NUL is refused as bad input, not silently dropped (BadInputIT).
        assertThat(as(alice).post(path, Api.json(Map.of("text", "nul\u0000"))).status()).isEqualTo(400);
        assertThat(as(alice).post(path, Api.json(Map.of("text", "y".repeat(4000)))).status()).isEqualTo(201);
    }

    @Test
    void authWallsHold() {
        String path = "/api/shoutboxes/" + team + "/shouts";
        assertError(anonymous().get(path), 401, "log in");
        assertError(anonymous().post(path, "{\"text\":\"hi\"}"), 401, "log in");
        TestMember guesser = createMember("guesser", team);
        assertError(Api.as(port, guesser.id(), "wrong").get(path), 401, "");
        TestMember outsider = createMember("mallory");
        assertError(as(outsider).get(path), 403, "not a member");
        assertError(as(outsider).post(path, "{\"text\":\"hi\"}"), 403, "not a member");
        Api outsiderApi = as(outsider);
        assertError(outsiderApi.send(outsiderApi.request("/api/shoutboxes/" + team + "/stream")
                .setHeader("Accept", "text/event-stream").GET()), 403, "not a member");
        assertError(as(alice).get("/api/shoutboxes/no-such-team-" + unique("x") + "/shouts"), 404, "no shoutbox");
        // Admins may read every team's box.
        assertThat(admin().get(path).status()).isEqualTo(200);
        // The channel overview is for admins only.
        assertThat(as(alice).get("/api/channels").status()).isEqualTo(403);
    }

    private void assertError(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("message").asText()).contains(messagePart);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.crosspost");
    }

    private List<JsonNode> shoutsOf(String box) {
        JsonNode list = admin().get("/api/shoutboxes/" + box + "/shouts?limit=500").json();
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    private long countText(String box, String text) {
        return shoutsOf(box).stream().filter(s -> s.get("text").asText().equals(text)).count();
    }
}

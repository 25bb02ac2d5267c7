package dev.crosspost.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Api;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;
import dev.crosspost.support.TestDatabase;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retry in Cockpit of a room line whose retries ran out, when the Retry runs on a node that does not hold the chat
 * bot. Two nodes (separate JVMs from the packaged jar) on a PostgreSQL database and a Prosody of their own: the
 * holder runs no Camunda job executor, so every job of the test runs on the standby, as it may in any cluster. The
 * FAILED row is written by the test (what the holder writes when its retries run out), and its incident is started
 * the way the outbox starts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryOnStandbyIT {

    private static final String ROOM = "team@conference.localhost";
    private static final String TARGET = "xmpp-room:" + ROOM;

    private final List<ClusterNode> nodes = new ArrayList<>();
    private String database;
    private ProsodyServer prosody;
    private XmppPerson observer;
    private ClusterNode holder;
    private ClusterNode standby;

    @BeforeAll
    void startTwoNodes() throws Exception {
        assumeTrue(TestDatabase.postgres(), "a cluster needs PostgreSQL (-Dit.db=postgres)");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ClusterDatabase.freeConnections() >= 20);
        database = ClusterDatabase.fresh("retry");
        prosody = ProsodyServer.startNew();
        observer = XmppPerson.login("alice", prosody);
        observer.createInstantRoom(ROOM);
        holder = node("holder", List.of("--camunda.bpm.job-execution.enabled=false"));
        await().atMost(Duration.ofSeconds(120)).until(() -> holder.answers() && Boolean.TRUE.equals(holder.leads()));
        standby = node("standby", List.of());
        await().atMost(Duration.ofSeconds(120)).until(standby::answers);
        await().atMost(Duration.ofSeconds(30)).until(() -> observer.occupants(ROOM).contains("crosspost"));
        assertThat(standby.leads()).isFalse();
    }

    @AfterAll
    void stopNodes() {
        ClusterNode.stopAll(nodes, observer, prosody);
    }

    @Test
    void aRetryOnTheStandbyHandsTheLineToTheHolderWhichSaysItOnce() throws Exception {
        String marker = "retried " + UUID.randomUUID();
        String outboxId = "retry-it-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        long seq = failedRow(outboxId, messageId, "Alice: " + marker);
        Api api = standby.api();

        var started = api.post("/engine-rest/process-definition/key/delivery-failed/start", Api.json(Map.of(
                "businessKey", messageId,
                "variables", Map.of("outboxId", string(outboxId), "target", string(TARGET),
                        "error", string("XMPP is not connected (test)")))));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().get("id").asText();

        // the job's first, automatic run (on the standby: the holder runs no jobs) fails into the incident
        JsonNode incident = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/engine-rest/incident?processInstanceId=" + instance).json(), i -> i.size() == 1)
                .get(0);
        assertThat(incident.get("incidentMessage").asText()).contains("Retry hands the send to that node");
        assertThat(status(outboxId)).isEqualTo("FAILED");
        assertThat(observer.linesContaining(ROOM, marker)).isEmpty();

        // Cockpit's Retry: one more retry on the incident's job
        String job = api.get("/engine-rest/job?processInstanceId=" + instance).json().get(0).get("id").asText();
        var retry = api.put("/engine-rest/job/" + job + "/retries", Api.json(Map.of("retries", 1)));
        assertThat(retry.status()).as(retry.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(
                api.get("/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
        JsonNode delivery = api.get("/engine-rest/history/variable-instance?processInstanceId=" + instance
                + "&variableName=delivery").json().get(0);
        assertThat(delivery.get("value").asText()).isEqualTo("QUEUED to " + TARGET + " (send " + outboxId
                + "): handed to the node that holds the chat session");

        await().atMost(Duration.ofSeconds(30)).until(() -> observer.linesContaining(ROOM, marker).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> observer.linesContaining(ROOM, marker).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(outboxId)));
        assertThat(seqOf(outboxId)).as("the row kept its place in the target's order").isEqualTo(seq);
        assertThat(standby.log()).contains("handed to the node that holds the chat session");
        assertThat(holder.log()).contains("out " + TARGET + " message " + outboxId);
        assertThat(api.get("/engine-rest/incident?processDefinitionKey=delivery-failed").json()).isEmpty();
    }

    private ClusterNode node(String name, List<String> extra) {
        var node = ClusterNode.start(name, database, TcpProxy.start(TestDatabase.port()), TcpProxy.start(prosody.port()), extra);
        nodes.add(node);
        return node;
    }

    /** A room line whose retries ran out, as the holder leaves it: FAILED, held by nobody, written two hours ago. */
    private long failedRow(String id, String messageId, String text) throws Exception {
        Instant written = Instant.now().minus(Duration.ofHours(2));
        try (var c = ClusterDatabase.connect(database); var s = c.prepareStatement("""
                insert into crosspost.outbox (id, message_id, target, kind, origin_channel, sender, sender_name, text,
                    status, attempts, last_error, lease_until, created_at)
                values (?, ?, ?, 'xmpp-room', 'shoutbox:team', 'alice', 'Alice', ?, 'FAILED', 40, ?, ?, ?)
                returning seq""")) {
            s.setString(1, id);
            s.setString(2, messageId);
            s.setString(3, TARGET);
            s.setString(4, text);
            s.setString(5, "XMPP is not connected (test)");
            s.setTimestamp(6, Timestamp.from(written));
            s.setTimestamp(7, Timestamp.from(written));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String status(String id) throws Exception {
        return column(id, "status");
    }

    private long seqOf(String id) throws Exception {
        return Long.parseLong(column(id, "seq"));
    }

    private String column(String id, String column) throws Exception {
        try (var c = ClusterDatabase.connect(database);
             var s = c.prepareStatement("select " + column + " from crosspost.outbox where id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Map<String, Object> string(String value) {
        return Map.of("value", value, "type", "String");
    }
}

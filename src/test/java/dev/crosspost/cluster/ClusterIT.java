package dev.crosspost.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Api;
import dev.crosspost.support.EventStream;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;
import dev.crosspost.support.TestDatabase;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three Crosspost nodes (separate JVMs from the packaged jar) on one PostgreSQL database of their own and one
 * Prosody of their own, each node reaching both through loopback proxies of the test's. The chat proxies count the
 * bot's sessions: at no moment may two be open. The first node, which takes the bot, runs no Camunda job executor,
 * so every job runs on the standbys, as it may in any cluster. Runs in order on the same cluster (one cluster for
 * all of these, since each node is a JVM start): a directory change, a shout edited and deleted on other nodes,
 * Cockpit's Retry on a standby, timers across the nodes, the leader killed under a steady stream of shouts, then the
 * new leader's database connection cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterIT.class);
    private static final String ROOM = "team@conference.localhost";
    private static final String ROOM_TARGET = "xmpp-room:" + ROOM;
    private static final Duration FAILOVER = Duration.ofSeconds(30);
    /** Whether the room port looks for a line in the room before saying it again (issue 11's room port). */
    private static final boolean ROOM_PORT_CHECKS_ARCHIVE = declaresAlreadyDelivered("dev.crosspost.xmpp.XmppRoomOutbound");

    private final List<ClusterNode> nodes = new ArrayList<>();
    private final List<EventStream> streams = new ArrayList<>();
    private final BotSessions sessions = new BotSessions();
    private ProsodyServer prosody;
    private XmppPerson observer;
    private OutboxRows outbox;

    @BeforeAll
    void startCluster() throws Exception {
        assumeTrue(TestDatabase.postgres(), "a cluster needs PostgreSQL (-Dit.db=postgres)");
        // three nodes need about 25 of PostgreSQL's connections: on a database server shared with other test runs,
        // wait for them rather than fail at a random node's start
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                .until(() -> TestDatabase.freeConnections() >= 25);
        String database = TestDatabase.fresh("cluster");
        outbox = new OutboxRows(database);
        prosody = ProsodyServer.startNew();
        observer = XmppPerson.login("alice", prosody);
        observer.createInstantRoom(ROOM);
        // first alone, so that it creates the schema and the admin, and takes the bot
        nodes.add(node("node-1", database, "--camunda.bpm.job-execution.enabled=false"));
        await().atMost(Duration.ofSeconds(180)).until(() -> nodes.get(0).answers() && Boolean.TRUE.equals(nodes.get(0).leads()));
        nodes.add(node("node-2", database));
        nodes.add(node("node-3", database));
        await().atMost(Duration.ofSeconds(180)).until(() -> nodes.stream().allMatch(ClusterNode::answers));
        await().atMost(Duration.ofSeconds(30)).until(() -> observer.occupants(ROOM).contains("crosspost"));
        for (ClusterNode n : nodes) {
            streams.add(new EventStream(n.api(), "/api/shoutboxes/team/stream"));
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (EventStream s : streams) {
            s.close();
        }
        ClusterNode.stopAll(nodes, observer, prosody);
    }

    @Test
    @Order(0)
    void aDirectoryChangeOnOneNodeReachesTheCacheOfEveryNodeAtOnce() {
        String team = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        for (ClusterNode n : nodes) { // every node has the admin cached now (for ten minutes, see node())
            assertThat(n.api().get("/api/me").json().get("teams").toString()).doesNotContain(team);
        }
        Api first = nodes.get(0).api();
        assertThat(first.post("/engine-rest/group/create", Api.json(Map.of("id", team, "name", team, "type", "WORKFLOW")))
                .status()).isEqualTo(204);
        assertThat(first.send(first.request("/engine-rest/group/" + team + "/members/" + ClusterNode.ADMIN)
                .PUT(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(204);

        for (ClusterNode n : nodes) {
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> n.api().get("/api/me").json().get("teams").toString().contains(team));
        }
    }

    @Test
    @Order(0)
    void anEditAndADeletionMadeOnOneNodeReachTheLiveStreamsOfEveryNode() {
        String shouts = "/api/shoutboxes/team/shouts";
        String id = nodes.get(0).api().post(shouts, Api.json(Map.of("text", "typo said on node 1"))).json()
                .get("id").asText();
        assertThat(nodes.get(1).api().patch(shouts + "/" + id, Api.json(Map.of("text", "fixed on node 2"))).status())
                .isEqualTo(200);
        for (EventStream stream : streams) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.events("shout-edited").stream()
                    .anyMatch(e -> e.contains(id) && e.contains("fixed on node 2")));
        }
        assertThat(nodes.get(2).api().delete(shouts + "/" + id).status()).isEqualTo(204);
        for (EventStream stream : streams) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.events("shout-deleted").stream()
                    .anyMatch(e -> e.contains(id)));
        }
    }

    @Test
    @Order(1)
    void aRetryOnAStandbyHandsTheLineToTheHolderWhichSaysItOnce() throws Exception {
        ClusterNode holder = nodes.get(0);
        assertThat(holder.leads()).as("the node without a job executor holds the bot").isTrue();
        ClusterNode standby = nodes.get(1);
        String marker = "retried " + UUID.randomUUID();
        String outboxId = "retry-it-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        long seq = outbox.failedRoomLine(outboxId, messageId, ROOM_TARGET, "Alice: " + marker);
        Api api = standby.api();

        // the incident as the outbox starts it when a send's retries ran out
        var started = api.post("/engine-rest/process-definition/key/delivery-failed/start", Api.json(Map.of(
                "businessKey", messageId,
                "variables", Map.of("outboxId", string(outboxId), "target", string(ROOM_TARGET),
                        "error", string("XMPP is not connected (test)")))));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().get("id").asText();

        // the job's first, automatic run (on a standby: the holder runs no jobs) fails into the incident
        JsonNode incident = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/engine-rest/incident?processInstanceId=" + instance).json(), i -> i.size() == 1)
                .get(0);
        assertThat(incident.get("incidentMessage").asText()).contains("Retry hands the send to that node");
        assertThat(outbox.status(outboxId)).isEqualTo("FAILED");
        assertThat(observer.linesContaining(ROOM, marker)).isEmpty();

        // Cockpit's Retry: one more retry on the incident's job
        String job = api.get("/engine-rest/job?processInstanceId=" + instance).json().get(0).get("id").asText();
        var retry = api.put("/engine-rest/job/" + job + "/retries", Api.json(Map.of("retries", 1)));
        assertThat(retry.status()).as(retry.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(
                api.get("/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
        JsonNode delivery = api.get("/engine-rest/history/variable-instance?processInstanceId=" + instance
                + "&variableName=delivery").json().get(0);
        assertThat(delivery.get("value").asText()).isEqualTo("QUEUED to " + ROOM_TARGET + " (send " + outboxId
                + "): handed to the node that holds the chat session");

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(outbox.status(outboxId)));
        // the row is marked SENT after the room took the line: a second saying would be on its way by now
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> observer.linesContaining(ROOM, marker).size() == 1);
        assertThat(outbox.seq(outboxId)).as("the row kept its place in the target's order").isEqualTo(seq);
        // the Retry's job runs on either node with a job executor (node-2 or node-3), not always on the one asked
        assertThat(nodes.subList(1, nodes.size())).as("a node without the bot handed the line back")
                .anyMatch(n -> n.log().contains("handed to the node that holds the chat session"));
        assertThat(holder.log()).contains("out " + ROOM_TARGET + " message " + outboxId);
        assertThat(api.get("/engine-rest/incident?processDefinitionKey=delivery-failed").json()).isEmpty();
    }

    @Test
    @Order(2)
    void acrossTheNodesEachTimerFiringPostsOnce() throws Exception {
        deploy(nodes.get(1), "cluster/cluster-tick.bpmn");

        Api api = nodes.get(2).api();
        // R5/PT2S: at most five firings (fewer when the engine fires late and skips a missed one), each taken by
        // whichever standby's job executor locks it first; a firing run by two nodes would be one instance too many
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/engine-rest/job/count?processDefinitionKey="
                + "cluster-tick").json().get("count").asInt() == 0);
        String history = "/engine-rest/history/process-instance?processDefinitionKey=cluster-tick";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(history + "&unfinished=true").json().isEmpty());
        List<String> ids = new ArrayList<>();
        api.get(history).json().forEach(i -> ids.add(i.get("id").asText()));
        log.info("timers: cluster-tick fired {} times", ids.size());
        assertThat(ids).hasSizeBetween(1, 5);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream().allMatch(id -> observer.linesContaining(ROOM, "Tick " + id).size() == 1));
        assertThat(observer.linesContaining(ROOM, "Tick ")).hasSize(ids.size());
        assertThat(sessions.mostAtOnce()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theLeaderKilledAnotherNodeHoldsTheBotAndEveryShoutArrivesOnce() {
        ClusterNode leader = leader();
        try (var shouts = new ShoutPoster(live())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> shouts.acknowledged().size() >= 20);

            long killedAt = System.nanoTime();
            leader.kill();
            shouts.retarget(live());
            await().atMost(FAILOVER).until(() -> heldByAnother(leader).isPresent());
            ClusterNode next = heldByAnother(leader).orElseThrow();
            log.info("failover: node {} killed, node {} holds the bot after {} ms", leader.name(), next.name(),
                    (System.nanoTime() - killedAt) / 1_000_000);
            // every node looks the holder up on its own check (every check-interval): all agree within seconds
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertOperatorsSee(next));
            int before = shouts.acknowledged().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> shouts.acknowledged().size() >= before + 20);
            shouts.stop();

            List<String> acknowledged = shouts.acknowledged();
            for (ClusterNode n : live()) {
                EventStream stream = streams.get(nodes.indexOf(n));
                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.stream()
                        .allMatch(m -> stream.events().stream().filter(e -> e.contains(m)).count() == 1));
            }
            awaitInRoomOnce(acknowledged);
        }
        assertThat(sessions.mostAtOnce()).isEqualTo(1);
        assertNoReplacedSessions();
    }

    @Test
    @Order(4)
    void aLeaderCutOffFromTheDatabaseLetsGoOfTheBotBeforeAnotherNodeConnectsIt() {
        ClusterNode leader = leader();
        List<ClusterNode> others = live().stream().filter(n -> n != leader).toList();
        try (var shouts = new ShoutPoster(others)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> shouts.acknowledged().size() >= 10);
            int opened = sessions.opened();

            leader.database().block();

            await().atMost(FAILOVER).until(() -> heldByAnother(leader).isPresent());
            int before = shouts.acknowledged().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> shouts.acknowledged().size() >= before + 10);
            shouts.stop();
            assertThat(sessions.opened()).isGreaterThan(opened);
            awaitInRoomOnce(shouts.acknowledged());
        } finally {
            leader.database().unblock();
        }
        // two sessions were never open at once: the cut-off leader closed its own before the next one opened
        assertThat(sessions.mostAtOnce()).isEqualTo(1);
        assertThat(leader.log()).contains("gives up the bot");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(leader.leads()));
        assertNoReplacedSessions();
        var said = observer.lines(ROOM).stream().map(l -> l.nickname() + ": " + l.text()).toList();
        var twice = said.stream().filter(l -> said.indexOf(l) != said.lastIndexOf(l)).distinct().toList();
        if (ROOM_PORT_CHECKS_ARCHIVE) {
            assertThat(twice).as("lines said twice in the room; bot sessions %s", sessions).isEmpty();
        }
    }

    /** Health, /channels and Prometheus on every live node say which node holds the bot, and each node's role. */
    private void assertOperatorsSee(ClusterNode holder) {
        for (ClusterNode n : live()) {
            var cluster = n.api().get("/actuator/health").json().at("/components/cluster/details");
            assertThat(cluster.get("node").asText()).isEqualTo(n.name());
            assertThat(cluster.get("role").asText()).isEqualTo(n == holder ? "leader" : "standby");
            assertThat(cluster.get("botHolder").asText()).isEqualTo(holder.name());
            assertThat(n.api().get("/api/channels/cluster").json().get("botHolder").asText()).isEqualTo(holder.name());
            assertThat(metric(n, "crosspost_bot_leader")).isEqualTo(n == holder ? "1.0" : "0.0");
        }
        assertThat(metric(holder, "crosspost_bot_failovers_total")).isEqualTo("1.0");
    }

    private static String metric(ClusterNode node, String name) {
        Api api = node.api();
        return api.send(api.request("/actuator/prometheus").setHeader("Accept", "text/plain").GET()).body().lines().filter(l -> l.startsWith(name + " ")
                || l.startsWith(name + "{")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
    }

    /**
     * Every line in the room, and once each where the room port can tell whether a line taken over from another node
     * had been said already ({@code alreadyDelivered}, the room's archive: issue 11's room port). Without it, a line
     * on its way when its node died or lost the bot may be said again by the next holder; those are logged.
     */
    private void awaitInRoomOnce(List<String> markers) {
        await().atMost(Duration.ofSeconds(60)).until(() -> markers.stream()
                .allMatch(m -> observer.linesContaining(ROOM, m).size() >= 1));
        if (ROOM_PORT_CHECKS_ARCHIVE) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> markers.stream()
                    .allMatch(m -> observer.linesContaining(ROOM, m).size() == 1));
        } else {
            var twice = markers.stream().filter(m -> observer.linesContaining(ROOM, m).size() > 1).toList();
            log.info("room: {} of {} lines said twice (the room port does not check the archive yet) {}",
                    twice.size(), markers.size(), twice);
        }
    }

    private void assertNoReplacedSessions() {
        assertThat(prosody.log()).doesNotContainIgnoringCase("conflict");
        for (ClusterNode n : nodes) {
            assertThat(n.log()).as(n.name() + "'s log").doesNotContainIgnoringCase("conflict");
        }
    }

    private ClusterNode leader() {
        await().atMost(FAILOVER).until(() -> live().stream().anyMatch(n -> Boolean.TRUE.equals(n.leads())));
        return live().stream().filter(n -> Boolean.TRUE.equals(n.leads())).findFirst().orElseThrow();
    }

    /** Another node than {@code old} holds the bot: elected, and its chat session is up. */
    private Optional<ClusterNode> heldByAnother(ClusterNode old) {
        return live().stream().filter(n -> n != old && Boolean.TRUE.equals(n.leads()))
                .filter(n -> "true".equals(n.api().get("/actuator/health").json()
                        .at("/components/xmpp/details/connected").asText()))
                .findFirst();
    }

    private List<ClusterNode> live() {
        return nodes.stream().filter(ClusterNode::alive).toList();
    }

    private ClusterNode node(String name, String database, String... extra) {
        var db = TcpProxy.start(TestDatabase.port());
        var chat = TcpProxy.start(prosody.port());
        chat.watch(open -> sessions.changed(name, open));
        // a cache that outlives the test: only the notification can bring a change made on another node
        List<String> args = new ArrayList<>(List.of("--crosspost.directory.cache-ttl=10m"));
        args.addAll(List.of(extra));
        return ClusterNode.start(name, database, db, chat, args);
    }

    private static Map<String, Object> string(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static boolean declaresAlreadyDelivered(String port) {
        try {
            return Arrays.stream(Class.forName(port).getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals("alreadyDelivered"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As Modeler deploys: a multipart POST to {@code /engine-rest/deployment/create}, HTTP Basic as admin. */
    private static void deploy(ClusterNode node, String resource) throws IOException {
        String bpmn = Files.readString(Path.of("src/test/resources", resource));
        String boundary = "----cluster" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ncluster-tick\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"cluster-tick.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        var response = node.api().send(node.api().request("/engine-rest/deployment/create")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}

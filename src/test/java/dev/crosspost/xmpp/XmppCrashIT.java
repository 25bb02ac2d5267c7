package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.crosspost.support.Api;
import dev.crosspost.support.CrosspostChild;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;
import dev.crosspost.support.TestDatabase;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crosspost killed with {@code kill -9} and started again, as an operator would: the packaged app in its own JVM
 * on PostgreSQL, with a Prosody of its own (through a proxy the test can hold), shipped configuration. Every shout
 * acknowledged with 201 reaches the team room once, in the order of the acknowledgements (those accepted after
 * the restart after those the dead app accepted), within 30 s of the restarted app answering HTTP; a line the room
 * said whose outbox row was not marked done is not said again; a retraction said but not confirmed is not said again,
 * and a correction accepted but not yet said when the app died is said once, after its line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XmppCrashIT {

    private static final Logger log = LoggerFactory.getLogger(XmppCrashIT.class);
    private static final String ROOM = "team@" + ProsodyServer.MUC;
    private static final Duration START = Duration.ofSeconds(150);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static ProsodyServer prosody;
    private static TcpProxy link;
    private static String database;
    private static Path dir;
    private static int port;

    // Kept from one test to the next when the app runs with the shipped settings: each start is a JVM's start, and
    // the second test can go on with the app that the first one restarted.
    private static CrosspostChild app;
    private static XmppPerson alice;
    private static boolean shipped;

    @BeforeAll
    static void servers() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the crash test runs on PostgreSQL (-Dit.db=postgres)");
        database = TestDatabase.fresh("crash");
        prosody = ProsodyServer.startNew();
        link = TcpProxy.start(prosody.port());
        dir = Files.createTempDirectory("crosspost-crash-");
        port = CrosspostChild.freePort();
    }

    @AfterAll
    static void stopServers() throws Exception {
        stopApp();
        if (prosody != null) {
            prosody.stop();
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * The app ({@code extra}: settings beside the test's own) with its bot and alice in the room: the one an earlier
     * test left running when it has the shipped settings and is well, else a new one.
     */
    private static void appWithAliceInTheRoom(String... extra) {
        if (extra.length == 0 && shipped && app != null && app.alive() && app.botConnected() && alice != null) {
            return;
        }
        stopApp();
        app = startApp(extra);
        // The bot creates the room (alice never does), and Prosody keeps it while she is in it.
        await().atMost(START).until(() -> app.botConnected());
        alice = XmppPerson.login(prosody, "alice");
        alice.join(ROOM, 0);
    }

    @AfterEach
    void passRepliesOn() {
        link.unblock();
        link.forward();
    }

    private static void stopApp() {
        if (alice != null) {
            alice.close();
            alice = null;
        }
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Test
    @Order(2)
    void everyAcknowledgedShoutReachesTheRoomOnceAndInOrderAfterAKill() {
        appWithAliceInTheRoom();
        String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> acknowledged;
        try (var shouts = SteadyShouts.start(app.admin(), run, 40)) {
            await().atMost(START).until(() -> shouts.acknowledged().size() >= 80);
            // From here the bot hears no echo: its window of lines is said but not confirmed, and the shouts
            // after them wait in the outbox. Then the kill, with both kinds of rows PENDING.
            link.holdReplies();
            await().atMost(START).until(() -> shouts.acknowledged().size() >= 130);
            app.kill();
            link.cut();
            log.info("crash: killed with {} shouts acknowledged, {} lines in the room", shouts.acknowledged().size(),
                    lines(run).size());

            app = startApp(); // returns once the app answers HTTP
            Instant answered = Instant.now();
            int beforeRestart = shouts.acknowledged().size();
            // Shouts go on after the restart: they come after the ones the dead app acknowledged.
            await().atMost(AFTER_RESTART).until(() -> shouts.acknowledged().size() >= beforeRestart + 40);
            shouts.close();
            acknowledged = shouts.acknowledged();
            await().atMost(left(answered)).until(() -> new HashSet<>(lines(run)).containsAll(acknowledged));
            log.info("crash: all {} acknowledged shouts in the room {} ms after the restarted app answered HTTP",
                    acknowledged.size(), Duration.between(answered, Instant.now()).toMillis());
        }
        int said = lines(run).size();
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> lines(run).size() == said);
        assertSaidOnceEachInOrder(run, acknowledged);
    }

    @Test
    @Order(1)
    void aLineTheRoomSaidBeforeItsRowWasMarkedDoneIsNotSaidAgain() throws Exception {
        // Sent rows are marked SENT once an hour (or once 200 wait): the kill comes between "said" and "marked".
        appWithAliceInTheRoom("--crosspost.outbox.flush-interval=1h");
        String run = "unmarked-" + UUID.randomUUID().toString().substring(0, 8);
        var admin = app.admin();
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String text = run + " #" + String.format("%02d", i);
            assertThat(admin.post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", text))).status()).isEqualTo(201);
            posted.add(text);
        }
        await().atMost(AFTER_RESTART).until(() -> lines(run).size() == posted.size());
        assertThat(unsentRows(run)).as("rows not marked done although the room said their lines").isEqualTo(10);
        app.kill();

        app = startApp(); // the shipped flush interval again
        await().atMost(AFTER_RESTART).until(() -> unsentRows(run) == 0);
        String after = run + " after";
        assertThat(app.admin().post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", after))).status())
                .isEqualTo(201);
        posted.add(after);
        await().atMost(AFTER_RESTART).until(() -> lines(run).contains(after));
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> lines(run).size() == posted.size());
        assertThat(lines(run)).containsExactlyElementsOf(posted);
    }

    @Test
    @Order(3)
    void aRetractionTheKillCaughtOnItsWayAndACorrectionAcceptedBeforeItAreEachSaidOnceAfterTheirLines()
            throws Exception {
        // A story's announcement and a shout in the room. The story's removal: the retraction row is written with the
        // removal and goes out; the room says it, but its echo never reaches the bot before the kill (after the
        // restart it is taken over, and the room's archive knows it by its own origin-id: it is not said again).
        // The shout's edit: accepted (PATCH 200, the correction's row written) while the bot is cut off from the
        // room, so the kill comes between its acceptance and its send; the restarted app says it, once.
        // One boot for both: each start of the app is a JVM's start.
        appWithAliceInTheRoom();
        var admin = app.admin();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String title = "crash-story-" + run;
        String shoutText = "crash-edit-" + run;
        var created = admin.post("/api/stories", Api.json(Map.of("title", title, "body", "soon removed")));
        assertThat(created.status()).isEqualTo(201);
        var shout = admin.post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", shoutText)));
        assertThat(shout.status()).isEqualTo(201);
        await().atMost(AFTER_RESTART).until(() -> alice.linesContaining(ROOM, title).size() == 1
                && alice.linesContaining(ROOM, shoutText).size() == 1);
        String storyLine = botSaid(title).get(0).id();
        String shoutLine = botSaid(shoutText).get(0).id();

        link.holdReplies();
        assertThat(admin.delete("/api/stories/" + created.json().path("id").asText()).status()).isEqualTo(204);
        await().atMost(AFTER_RESTART).until(() -> changesOf(storyLine, "retract") == 1);
        assertThat(unsentChanges(storyLine)).as("the retraction's row, said but not confirmed").isEqualTo(1);

        link.block();
        String fixed = shoutText + " fixed";
        var edited = admin.patch("/api/shoutboxes/team/shouts/" + shout.json().path("id").asText(),
                Api.json(Map.of("text", fixed)));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(unsentChanges(shoutLine)).as("the correction's row, accepted, not said").isEqualTo(1);
        app.kill();
        assertThat(changesOf(shoutLine, "correct")).as("corrections said before the kill").isZero();
        link.unblock();

        app = startApp();
        await().atMost(AFTER_RESTART).until(() -> unsentChanges(storyLine) == 0 && unsentChanges(shoutLine) == 0);
        await().atMost(AFTER_RESTART).until(() -> changesOf(shoutLine, "correct") == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(2))
                .until(() -> changesOf(storyLine, "retract") == 1 && changesOf(shoutLine, "correct") == 1);
        assertThat(seenOf(storyLine)).extracting(XmppPerson.Seen::change).containsExactly(null, "retract");
        var edits = seenOf(shoutLine);
        assertThat(edits).extracting(XmppPerson.Seen::change).containsExactly(null, "correct");
        assertThat(edits.get(1).text()).endsWith(": " + fixed);
    }

    /** A line of the bot's and its changes, in the order alice saw them. */
    private static List<XmppPerson.Seen> seenOf(String lineId) {
        return alice.seen(ROOM).stream().filter(m -> lineId.equals(m.id()) || lineId.equals(m.of())).toList();
    }

    @Test
    @Order(4)
    void linesTheRoomSaidWhileTheBotWasAwayReachTheShoutboxOnceInOrder() throws Exception {
        appWithAliceInTheRoom();
        String run = "away-" + UUID.randomUUID().toString().substring(0, 8);
        alice.say(ROOM, run + " before");
        await().atMost(AFTER_RESTART).until(() -> roomShouts(run).equals(List.of(run + " before")));
        // The bot's own line, in the archive after the newest line taken in: it is no line of the room's to take.
        String shout = run + " from the shoutbox";
        assertThat(app.admin().post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", shout))).status())
                .isEqualTo(201);
        await().atMost(AFTER_RESTART).until(() -> alice.linesContaining(ROOM, shout).size() == 1);

        // The bot's connection cut (the app lives on): alice talks on, the room keeps her lines.
        link.down();
        // the server has seen the bot go: it left the room (and its session is gone)
        await().atMost(AFTER_RESTART).until(() -> !alice.occupants(ROOM).contains("crosspost"));
        List<String> expected = new ArrayList<>(List.of(run + " before"));
        for (int i = 1; i <= 3; i++) {
            alice.say(ROOM, run + " cut #" + i);
            expected.add(run + " cut #" + i);
        }
        int repliesBefore = alice.directMessages().size();
        alice.tell(ProsodyServer.BOT + "@" + ProsodyServer.DOMAIN, run + " direct, while the bot is away");
        link.up();
        await().atMost(AFTER_RESTART).until(() -> roomShouts(run).size() >= expected.size());
        await().atMost(AFTER_RESTART).until(() -> alice.directMessages().size() > repliesBefore);

        // The app killed and started again with a 15 s catch-up: a line said more than 15 s before the bot is back
        // in the room stays out, the lines said since come in.
        app.kill();
        link.down();
        alice.say(ROOM, run + " too old");
        Instant tooOld = Instant.now();
        app = startApp("--crosspost.xmpp.catch-up=15s", "--crosspost.xmpp.reconnect-max=1s");
        // the cap counts back from the bot's join, which comes after up(): the line must be older than the cap then
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(tooOld.plusSeconds(16)));
        for (int i = 1; i <= 2; i++) {
            alice.say(ROOM, run + " restart #" + i);
            expected.add(run + " restart #" + i);
        }
        link.up();
        await().atMost(AFTER_RESTART).until(() -> roomShouts(run).size() >= expected.size());
        await().during(QUIET).atMost(QUIET.multipliedBy(2))
                .untilAsserted(() -> assertThat(roomShouts(run)).containsExactlyElementsOf(expected));
        // the direct message said while the connection was cut: the server kept it, the bot answered it on login
        assertThat(alice.directMessages()).hasSize(repliesBefore + 1)
                .last().asString().contains("is not a Crosspost member's address");
    }

    @Test
    @Order(5)
    void directMessagesTheServerHandedToASessionThatDiedWithThemReachTheShoutboxOnceInOrder() throws Exception {
        appWithAliceInTheRoom();
        String run = "dm-" + UUID.randomUUID().toString().substring(0, 8);
        String bot = ProsodyServer.BOT + "@" + ProsodyServer.DOMAIN;
        // bob: a member of the team whose verified chat address bob@localhost is
        assertThat(app.admin().post("/engine-rest/user/create", Api.json(Map.of("profile", Map.of("id", "bob",
                "firstName", "Bob", "lastName", "Builder", "email", "bob@example.org"), "credentials",
                Map.of("password", "bob-secret-2026")))).status()).isEqualTo(204);
        assertThat(app.admin().put("/engine-rest/group/team/members/bob", "").status()).isEqualTo(204);
        try (Connection c = TestDatabase.connect(database); var s = c.createStatement()) {
            s.execute("INSERT INTO crosspost.contact_addresses (member_id, kind, address, attempts, verified)"
                    + " VALUES ('bob', 'xmpp', 'bob@localhost', 0, 'bob@localhost')");
            s.execute("INSERT INTO act_id_info (id_, rev_, user_id_, type_, key_, value_)"
                    + " VALUES ('bob-xmpp', 1, 'bob', 'userinfo', 'xmpp', 'bob@localhost')");
        }
        try (XmppPerson bob = XmppPerson.login(prosody, "bob")) {
            bob.tell(bot, run + " #1");
            await().atMost(AFTER_RESTART).until(() -> directShouts(run).equals(List.of(run + " #1")));

            // The bot's session stalls, as a paused holder's does: the server goes on writing to it, nothing of it
            // reaches the app. Then it dies with what the server wrote unread.
            link.holdReplies();
            bob.tell(bot, run + " #2");
            bob.tell(bot, run + " #3");
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> directShouts(run).equals(List.of(run + " #1")));
            link.down();
            await().atMost(AFTER_RESTART).until(() -> !app.botConnected());
            bob.tell(bot, run + " #4"); // while the bot is away: the server keeps it
            link.forward();
            link.up();

            // the next session takes #2 and #3 in from the bot's archive, #4 comes as an offline message
            var expected = List.of(run + " #1", run + " #2", run + " #3", run + " #4");
            await().atMost(AFTER_RESTART).until(() -> directShouts(run).size() >= expected.size());
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .untilAsserted(() -> assertThat(directShouts(run)).containsExactlyElementsOf(expected));
        }
    }

    /** The shouts of the team's shoutbox that came from the room and contain {@code run}, oldest first. */
    private static List<String> roomShouts(String run) throws Exception {
        return shoutsFrom("xmpp-room:" + ROOM, run);
    }

    /** The shouts of the team's shoutbox that came from direct messages to the bot and contain {@code run}. */
    private static List<String> directShouts(String run) throws Exception {
        return shoutsFrom("xmpp-direct:" + ProsodyServer.BOT, run);
    }

    /** The shouts of the team's shoutbox that came in on {@code channel} and contain {@code run}, oldest first. */
    private static List<String> shoutsFrom(String channel, String run) throws Exception {
        try (Connection c = TestDatabase.connect(database);
             var q = c.prepareStatement("SELECT s.text FROM crosspost.shouts s JOIN crosspost.messages m"
                     + " ON m.id = s.message_id WHERE m.channel = ? AND s.shoutbox = 'team' AND s.text LIKE ?"
                     + " ORDER BY s.created_at, s.seq")) {
            q.setString(1, channel);
            q.setString(2, "%" + run + "%");
            List<String> texts = new ArrayList<>();
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(1);
                    texts.add(text.substring(text.indexOf(run)));
                }
            }
            return texts;
        }
    }

    /** The bot's lines containing {@code part}, as alice saw them. */
    private static List<XmppPerson.Seen> botSaid(String part) {
        return alice.seen(ROOM).stream().filter(m -> m.change() == null && m.text() != null && m.text().contains(part))
                .toList();
    }

    /** How many changes ({@code correct}, {@code retract}) of the line alice saw. */
    private static long changesOf(String lineId, String change) {
        return alice.seen(ROOM).stream().filter(m -> change.equals(m.change()) && lineId.equals(m.of())).count();
    }

    private static long unsentChanges(String lineId) throws Exception {
        try (Connection c = TestDatabase.connect(database);
             var q = c.prepareStatement("SELECT count(*) FROM crosspost.outbox WHERE replaces = ? AND status <> 'SENT'")) {
            q.setString(1, lineId);
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What is left of the 30 s after the restarted app answered HTTP. */
    private static Duration left(Instant answered) {
        Duration left = Duration.between(Instant.now(), answered.plus(AFTER_RESTART));
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }

    /** Once each, in acknowledgement order; a shout whose answer the kill cut off may be there too, once. */
    private void assertSaidOnceEachInOrder(String run, List<String> acknowledged) {
        List<String> said = lines(run);
        log.info("crash: {} shouts acknowledged, {} lines in the room", acknowledged.size(), said.size());
        assertThat(said).doesNotHaveDuplicates();
        var ack = new HashSet<>(acknowledged);
        assertThat(said.stream().filter(ack::contains).toList()).containsExactlyElementsOf(acknowledged);
    }

    /** The texts of the shouts of this run that the room said, as alice heard them, in order. */
    private List<String> lines(String run) {
        return alice.linesContaining(ROOM, run).stream().map(l -> l.substring(l.indexOf(": ") + 2)).toList();
    }

    private long unsentRows(String run) throws Exception {
        try (Connection c = TestDatabase.connect(database);
             var q = c.prepareStatement("SELECT count(*) FROM crosspost.outbox WHERE text LIKE ? AND status <> 'SENT'")) {
            q.setString(1, "%" + run + "%");
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Starts the app on the test's database and Prosody, plus {@code extra} settings; returns once it answers HTTP. */
    private static CrosspostChild startApp(String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + TestDatabase.url(database), "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                // Fewer connections than the shipped 40: the tests' PostgreSQL serves other test runs too.
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--crosspost.xmpp.enabled=true", "--crosspost.xmpp.host=127.0.0.1",
                "--crosspost.xmpp.port=" + link.port(), "--crosspost.xmpp.domain=" + ProsodyServer.DOMAIN,
                "--crosspost.xmpp.username=" + ProsodyServer.BOT, "--crosspost.xmpp.password=" + ProsodyServer.BOT_PASSWORD,
                "--crosspost.xmpp.rooms=" + ROOM, "--crosspost.xmpp.tls=disabled", "--crosspost.xmpp.greeting=",
                // a load test, not abuse: one member posts 40 shouts a second (the bench does the same)
                "--crosspost.limits.enabled=false",
                // the restarted node takes the bot 3 s after it holds the lock, not after the shipped 10 s
                "--crosspost.cluster.check-interval=500ms", "--crosspost.cluster.check-timeout=500ms",
                "--crosspost.cluster.takeover-grace=3s"));
        args.addAll(List.of(extra));
        shipped = extra.length == 0;
        // C1 only and the serial collector: a quicker start, and plenty for 40 shouts a second
        var child = CrosspostChild.start(dir, port, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
        await().atMost(START).pollInterval(Duration.ofMillis(100)).until(child::answers);
        return child;
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = TestDatabase.connect("postgres");
             var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Posts shouts at a steady rate, one after another, and keeps the texts answered with 201, in order. */
    private static final class SteadyShouts implements AutoCloseable {
        private final List<String> acknowledged = new CopyOnWriteArrayList<>();
        private final Thread poster;
        private volatile boolean stop;

        private SteadyShouts(Api admin, String run, int perSecond) {
            long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
            poster = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 1; !stop; i++) {
                    String text = run + " #" + String.format("%04d", i);
                    try {
                        if (admin.post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", text))).status() == 201) {
                            acknowledged.add(text);
                        }
                    } catch (AssertionError refused) {
                        // the app is down: this shout was not acknowledged
                    }
                    next += period;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
            }, "steady-shouts");
        }

        static SteadyShouts start(Api admin, String run, int perSecond) {
            var shouts = new SteadyShouts(admin, run, perSecond);
            shouts.poster.start();
            return shouts;
        }

        List<String> acknowledged() {
            return List.copyOf(acknowledged);
        }

        @Override
        public void close() {
            stop = true;
            try {
                poster.join(TimeUnit.SECONDS.toMillis(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.crosspost.xmpp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.TestServers;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.room.Rooms;
import org.springframework.beans.factory.annotation.Autowired;

/** What the XMPP ITs share: the bot's connection, members linked to test accounts, the team shoutbox. */
public abstract class XmppITSupport extends AbstractIT {

    protected static final String TEAM_ROOM = TestServers.TEAM_ROOM;
    protected static final Duration DELIVERY = Duration.ofSeconds(30);
    /**
     * How long "nothing more happens" is watched for where that is the assertion (no second line, no echo): a line
     * through the local Prosody takes milliseconds, so a duplicate would show up well within it.
     */
    protected static final Duration QUIET = Duration.ofSeconds(1);

    @Autowired
    protected XmppConnection bot;

    @Autowired
    protected Rooms rooms;

    @Autowired
    protected org.springframework.jdbc.core.simple.JdbcClient jdbc;

    protected void awaitBotInTeamRoom() {
        await().atMost(Duration.ofSeconds(60)).until(() -> rooms.states().getOrDefault(TEAM_ROOM, false));
    }

    /** The shouts of the team shoutbox with exactly this text. */
    protected List<JsonNode> teamShouts(Api reader, String text) {
        var response = reader.get("/api/shoutboxes/team/shouts?limit=500");
        if (response.status() != 200) {
            throw new AssertionError("reading shoutbox team: " + response.status() + " " + response.body());
        }
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(s -> text.equals(s.path("text").asText()))
                .toList();
    }

    protected void postShout(TestMember author, String text) {
        var response = as(author).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", text)));
        if (response.status() != 201) {
            throw new AssertionError("posting a shout: " + response.status() + " " + response.body());
        }
    }

    /** The most failed attempts of an outbox row whose text contains {@code part} (0: none failed). */
    protected int failedAttempts(String part) {
        return jdbc.sql("select coalesce(max(attempts), 0) from crosspost.outbox where text like ?")
                .param("%" + part + "%").query(Integer.class).single();
    }

    /** How many messages the Inbox accepted on a channel (0 when it never saw one). */
    protected long accepted(String channel) {
        var channels = admin().get("/api/channels").json();
        return StreamSupport.stream(channels.spliterator(), false)
                .filter(c -> channel.equals(c.path("address").asText()))
                .mapToLong(c -> c.path("accepted").asLong())
                .sum();
    }
}

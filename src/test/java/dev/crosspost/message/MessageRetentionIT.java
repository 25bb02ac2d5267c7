package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The message log's retention deletes only the messages older than the setting. */
class MessageRetentionIT extends AbstractIT {

    @Autowired
    MessageRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void removesOnlyWhatIsOlderThanTheSetting() {
        String team = createTeam("log");
        TestMember alice = createMember("alice", team);
        String old = post(alice, team, "half a year ago");
        String recent = post(alice, team, "last month");
        String today = post(alice, team, "today");
        Instant now = Instant.now();
        backdate(old, now.minus(Duration.ofDays(200)));
        backdate(recent, now.minus(Duration.ofDays(30)));

        assertThat(retention.expire(Duration.ofDays(180), now)).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select id from crosspost.messages where id in (?, ?, ?)").params(old, recent, today)
                .query(String.class).list()).containsExactlyInAnyOrder(recent, today);
    }

    private String post(TestMember who, String team, String text) {
        return as(who).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", text))).json()
                .get("id").asText();
    }

    private void backdate(String messageId, Instant at) {
        assertThat(jdbc.sql("update crosspost.messages set received_at = ? where id = ?")
                .params(Timestamp.from(at), messageId).update()).isEqualTo(1);
    }
}

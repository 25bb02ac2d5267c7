package dev.crosspost.shoutbox;

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

/** Retention deletes only the shouts older than the setting. */
class ShoutRetentionIT extends AbstractIT {

    @Autowired
    ShoutRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void removesOnlyWhatIsOlderThanTheSetting() {
        String team = createTeam("old");
        TestMember alice = createMember("alice", team);
        String ancient = post(alice, team, "from last year");
        String borderline = post(alice, team, "89 days ago");
        String fresh = post(alice, team, "today");
        Instant now = Instant.now();
        backdate(ancient, now.minus(Duration.ofDays(400)));
        backdate(borderline, now.minus(Duration.ofDays(89)));

        int deleted = retention.expire(Duration.ofDays(90), now);

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        var left = as(alice).get("/api/shoutboxes/" + team + "/shouts").json();
        assertThat(left.findValuesAsText("id")).containsExactlyInAnyOrder(borderline, fresh);
    }

    private String post(TestMember who, String team, String text) {
        return as(who).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", text))).json()
                .get("id").asText();
    }

    private void backdate(String shoutId, Instant at) {
        jdbc.sql("update crosspost.shouts set created_at = ? where id = ?").params(Timestamp.from(at), shoutId).update();
    }
}

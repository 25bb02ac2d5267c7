package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** Retention deletes only what is older than the setting: the shouts, and the message log. */
class RetentionIT extends AbstractIT {

    @Autowired
    List<Retention> retentions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<ScheduledTaskHolder> scheduled;

    private Retention of(String what) {
        return retentions.stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow();
    }

    @Test
    void shoutsAndMessagesGoAtNightAtTheTimesTheReadmeNames() {
        assertThat(retentions).extracting(Retention::what, Retention::cron)
                .contains(tuple("shouts", "0 30 3 * * *"), tuple("messages", "0 45 3 * * *"));
        assertThat(scheduled.stream().flatMap(h -> h.getScheduledTasks().stream()).map(ScheduledTask::getTask)
                .filter(CronTask.class::isInstance).map(task -> ((CronTask) task).getExpression()))
                .as("scheduled").contains("0 30 3 * * *", "0 45 3 * * *");
    }

    @Test
    void removesOnlyTheShoutsOlderThanTheSetting() {
        String team = createTeam("old");
        TestMember alice = createMember("alice", team);
        String ancient = post(alice, team, "from last year");
        String borderline = post(alice, team, "89 days ago");
        String fresh = post(alice, team, "today");
        Instant now = Instant.now();
        backdate("update crosspost.shouts set created_at = ? where id = ?", ancient, now.minus(Duration.ofDays(400)));
        backdate("update crosspost.shouts set created_at = ? where id = ?", borderline, now.minus(Duration.ofDays(89)));

        assertThat(of("shouts").expire(Duration.ofDays(90), now)).isGreaterThanOrEqualTo(1);

        var left = as(alice).get("/api/shoutboxes/" + team + "/shouts").json();
        assertThat(left.findValuesAsText("id")).containsExactlyInAnyOrder(borderline, fresh);
    }

    @Test
    void removesOnlyTheMessagesOlderThanTheSetting() {
        String team = createTeam("log");
        TestMember alice = createMember("alice", team);
        String old = post(alice, team, "half a year ago");
        String recent = post(alice, team, "last month");
        String today = post(alice, team, "today");
        Instant now = Instant.now();
        backdate("update crosspost.messages set received_at = ? where id = ?", old, now.minus(Duration.ofDays(200)));
        backdate("update crosspost.messages set received_at = ? where id = ?", recent, now.minus(Duration.ofDays(30)));

        assertThat(of("messages").expire(Duration.ofDays(180), now)).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select id from crosspost.messages where id in (?, ?, ?)").params(old, recent, today)
                .query(String.class).list()).containsExactlyInAnyOrder(recent, today);
    }

    /** Posts a shout; a shout's id is its message's id. */
    private String post(TestMember who, String team, String text) {
        return as(who).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", text))).json()
                .get("id").asText();
    }

    private void backdate(String update, String id, Instant at) {
        assertThat(jdbc.sql(update).params(Timestamp.from(at), id).update()).isEqualTo(1);
    }
}

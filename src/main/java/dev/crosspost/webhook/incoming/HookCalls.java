package dev.crosspost.webhook.incoming;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.crosspost.util.KeyedBuckets;
import dev.crosspost.util.Rate;
import dev.crosspost.webhook.WebhookProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The last calls of each incoming hook ({@code crosspost.webhook_calls}), accepted or refused, for the admins'
 * page: {@code calls-kept} per hook. Refused calls are recorded at most 10 a minute per hook, so that a stranger
 * knocking with wrong tokens cannot make the database write at their pace.
 */
@Repository
class HookCalls {

    /** One call: when, the status answered, the message it became (if any), and why it was refused or ignored. */
    @Schema(name = "IncomingHookCall")
    record Call(Instant at, int status, @Nullable String messageId, @Nullable String detail) {
    }

    private final JdbcClient jdbc;
    private final int kept;
    private final KeyedBuckets refusals = new KeyedBuckets(new Rate(10, Duration.ofMinutes(1)));

    HookCalls(JdbcClient jdbc, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.kept = properties.callsKept();
    }

    void record(String name, int status, String messageId, String detail) {
        if (status >= 300 && !refusals.tryTake(name).isZero()) {
            return;
        }
        jdbc.sql("""
                insert into crosspost.webhook_calls (name, called_at, status, message_id, detail)
                values (?, ?, ?, ?, ?)""")
                .params(name, Timestamp.from(Instant.now()), status, messageId, clip(detail)).update();
        jdbc.sql("""
                delete from crosspost.webhook_calls where name = :name and seq < (select min(seq) from
                    (select seq from crosspost.webhook_calls where name = :name order by seq desc limit :kept) newest)""")
                .param("name", name).param("kept", kept).update();
    }

    /** The hook's last calls, newest first. */
    List<Call> last(String name) {
        return jdbc.sql("""
                select called_at, status, message_id, detail from crosspost.webhook_calls
                 where name = ? order by seq desc limit ?""")
                .params(name, kept)
                .query((rs, n) -> new Call(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    void forget(String name) {
        jdbc.sql("delete from crosspost.webhook_calls where name = ?").param(name).update();
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= 300 ? detail : detail.substring(0, 297) + "...";
    }
}

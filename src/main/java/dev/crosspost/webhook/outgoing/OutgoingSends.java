package dev.crosspost.webhook.outgoing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The last sends to an outgoing hook, as the outbox has them ({@code crosspost.outbox}, read only, as Cockpit's
 * Messages tab reads it): for the admins' /hooks page.
 */
@Repository
class OutgoingSends {

    private static final int SHOWN = 20;

    /** One send: when it was queued, its status, the message it carries, attempts, the last error, when it arrived. */
    @Schema(name = "OutgoingHookSend")
    record Send(Instant at, String status, String messageId, int attempts, @Nullable String lastError,
                @Nullable Instant sentAt) {
    }

    private final JdbcClient jdbc;

    OutgoingSends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Send> last(String target) {
        return jdbc.sql("""
                select created_at, status, message_id, attempts, last_error, sent_at from crosspost.outbox
                 where target = ? order by seq desc limit ?""")
                .params(target, SHOWN)
                .query((rs, n) -> new Send(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getString(5), instant(rs.getTimestamp(6))))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

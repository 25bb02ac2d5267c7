package dev.crosspost.cockpit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the outbox ({@code crosspost.outbox}, read only) knows about the sends of messages: one row per send that
 * left, or is to leave, through a port (room, direct message, mail, SMS), with its status and its attempts.
 * Sends that were skipped (a channel switched off) and local effects (a shout appended) have no row: the send
 * task's {@code delivery_<task>} variable says what became of them.
 */
@Repository
class OutboxReads {

    /** How many message ids one request may ask about (a page of the Messages tab holds 20). */
    static final int MAX_MESSAGES = 200;
    /** At most this many messages are found by an outcome (newest first). */
    static final int MAX_FOUND = 500;

    private final JdbcClient jdbc;

    OutboxReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One send as the outbox has it. */
    record Row(String id, String messageId, String target, String status, int attempts, Instant nextAttemptAt,
               String lastError, Instant createdAt, Instant sentAt) {
    }

    /** The process instance (queue flow) of each message that has one. */
    Map<String, String> flowsOf(Collection<String> messageIds) {
        return jdbc.sql("select id, process_instance_id from crosspost.messages where id in (:ids)"
                        + " and process_instance_id is not null")
                .param("ids", messageIds)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The sends of these messages, in the order they were queued. */
    List<Row> sendsOf(Collection<String> messageIds) {
        return jdbc.sql("""
                select id, message_id, target, status, attempts, next_attempt_at, last_error, created_at, sent_at
                  from crosspost.outbox where message_id in (:ids) order by seq""")
                .param("ids", messageIds)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), instant(rs.getTimestamp(6)), rs.getString(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9))))
                .list();
    }

    /**
     * Messages on {@code channel} with at least one send in {@code outcome} (failed, retrying or waiting), newest
     * send first.
     */
    List<String> messagesWith(String channel, SendOutcome outcome) {
        return jdbc.sql("""
                select o.message_id, max(o.seq) from crosspost.outbox o join crosspost.messages m on m.id = o.message_id
                 where m.channel = :channel and o.status = :status and o.attempts >= :attempts
                 group by o.message_id order by max(o.seq) desc limit :limit""")
                .param("channel", channel).param("status", outcome.status()).param("attempts", outcome.minAttempts())
                .param("limit", MAX_FOUND)
                .query((rs, n) -> rs.getString(1)).list();
    }

    /** Sends marked SENT per inbound channel of their message: since {@code hourAgo}, since {@code dayAgo}. */
    Map<String, long[]> sentSince(Instant hourAgo, Instant dayAgo) {
        return jdbc.sql("""
                select m.channel, sum(case when o.sent_at >= ? then 1 else 0 end), count(*)
                  from crosspost.outbox o join crosspost.messages m on m.id = o.message_id
                 where o.status = 'SENT' and o.sent_at >= ? group by m.channel""")
                .params(Timestamp.from(hourAgo), Timestamp.from(dayAgo))
                .query((rs, n) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

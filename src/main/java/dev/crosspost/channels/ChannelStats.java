package dev.crosspost.channels;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per channel: how many messages entered, how many of them went nowhere, and when the last one came. */
@Repository
class ChannelStats {

    private final JdbcClient jdbc;

    ChannelStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> all() {
        return jdbc.sql("""
                select channel, count(*), sum(case when process_instance_id is null then 1 else 0 end), max(received_at)
                from crosspost.messages group by channel""")
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), toInstant(rs.getTimestamp(4))))
                .list();
    }

    private static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    record Row(String channel, long accepted, long unrouted, Instant lastMessageAt) {
    }
}

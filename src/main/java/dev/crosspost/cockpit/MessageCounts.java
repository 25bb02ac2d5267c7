package dev.crosspost.cockpit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages that came in per channel, from Crosspost's {@code crosspost.messages} table (read only). */
@Repository
class MessageCounts {

    private final JdbcClient jdbc;

    MessageCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Messages per channel received since {@code hourAgo} and since {@code dayAgo}, and the unrouted among the latter. */
    Map<String, Counts> since(Instant hourAgo, Instant dayAgo) {
        return jdbc.sql("""
                select channel, sum(case when received_at >= ? then 1 else 0 end), count(*),
                       sum(case when process_instance_id is null then 1 else 0 end)
                from crosspost.messages where received_at >= ? group by channel""")
                .params(Timestamp.from(hourAgo), Timestamp.from(dayAgo))
                .query((rs, n) -> new Counts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list().stream().collect(Collectors.toMap(Counts::channel, Function.identity()));
    }

    record Counts(String channel, long lastHour, long lastDay, long unroutedLastDay) {
    }
}

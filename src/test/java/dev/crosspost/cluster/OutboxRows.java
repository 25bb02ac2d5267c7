package dev.crosspost.cluster;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.crosspost.support.TestDatabase;

/** A cluster's outbox rows, read and written directly in its database (as the nodes leave them). */
final class OutboxRows {

    private final String database;

    OutboxRows(String database) {
        this.database = database;
    }

    /**
     * A room line to {@code target} whose retries ran out, as the holder leaves it: FAILED, held by nobody, written
     * two hours ago. Returns its place in the target's order ({@code seq}).
     */
    long failedRoomLine(String id, String messageId, String target, String text) throws SQLException {
        Instant written = Instant.now().minus(Duration.ofHours(2));
        try (var c = TestDatabase.connect(database); var s = c.prepareStatement("""
                insert into crosspost.outbox (id, message_id, target, kind, origin_channel, sender, sender_name, text,
                    status, attempts, last_error, lease_until, created_at)
                values (?, ?, ?, 'xmpp-room', 'shoutbox:team', 'alice', 'Alice', ?, 'FAILED', 40, ?, ?, ?)
                returning seq""")) {
            s.setString(1, id);
            s.setString(2, messageId);
            s.setString(3, target);
            s.setString(4, text);
            s.setString(5, "XMPP is not connected (test)");
            s.setTimestamp(6, Timestamp.from(written));
            s.setTimestamp(7, Timestamp.from(written));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String status(String id) throws SQLException {
        return column(id, "status");
    }

    long seq(String id) throws SQLException {
        return Long.parseLong(column(id, "seq"));
    }

    private String column(String id, String column) throws SQLException {
        try (var c = TestDatabase.connect(database);
             var s = c.prepareStatement("select " + column + " from crosspost.outbox where id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

package dev.crosspost.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The outbox rows not sent yet ({@code PENDING}) in the run's database: the backlog of the outbox design, as the job
 * count was of the design before it. One connection, held for the run: a shared PostgreSQL may have none to spare
 * later (the harness counts right after a {@code kill -9}, while the restarted app takes its own).
 */
final class OutboxBacklog implements AutoCloseable {

    private final Connection connection;

    private OutboxBacklog(Connection connection) {
        this.connection = connection;
    }

    static OutboxBacklog open(BenchOptions o) throws SQLException {
        return new OutboxBacklog(Database.connect(o, o.database()));
    }

    /** Pending rows, or -1 when the build has no outbox table. */
    synchronized long pending() {
        try (var s = connection.createStatement();
             var rs = s.executeQuery("select count(*) from " + BaselineOutbox.TABLE + " where status = 'PENDING'")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

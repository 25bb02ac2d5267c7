package dev.crosspost.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What PostgreSQL does for the run: the CPU of its processes, read from {@code /proc} (the server runs on this
 * machine; the harness reaches it on 127.0.0.1), and the commits of the run's database. Two sets of processes:
 * the backends of the run's database (every connection of every node, this reader's own left out), and the server's
 * own background processes (WAL writer, checkpointer, background writer, launchers), which work for every database
 * on the server: on a shared server some of theirs is the neighbours'. Other databases' backends are not counted.
 * One connection, held for the run.
 */
final class DatabaseCpu implements AutoCloseable {

    private final Connection connection;
    private final String database;

    private DatabaseCpu(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
    }

    static DatabaseCpu open(BenchOptions o) throws SQLException {
        return open(o, o.database());
    }

    static DatabaseCpu open(BenchOptions o, String database) throws SQLException {
        return new DatabaseCpu(Database.connect(o, database), database);
    }

    /**
     * The database's work so far, from {@code pg_stat_database}: transactions committed and rolled back, rows
     * written (inserted + updated + deleted) and rows read (returned by scans); all -1 when unknown. (Statements
     * themselves would need {@code pg_stat_statements}, which only loads with a server restart.)
     */
    record Work(long commits, long rollbacks, long rowsWritten, long rowsRead) {

        static final Work UNKNOWN = new Work(-1, -1, -1, -1);

        Work minus(Work before) {
            if (commits < 0 || before.commits < 0) {
                return UNKNOWN;
            }
            return new Work(commits - before.commits, rollbacks - before.rollbacks,
                    rowsWritten - before.rowsWritten, rowsRead - before.rowsRead);
        }
    }

    synchronized Work work() {
        try (var clear = connection.prepareStatement("select pg_stat_clear_snapshot()");
             var s = connection.prepareStatement("select xact_commit, xact_rollback,"
                     + " tup_inserted + tup_updated + tup_deleted, tup_returned + tup_fetched"
                     + " from pg_stat_database where datname = ?")) {
            clear.execute();
            s.setString(1, database);
            try (var rs = s.executeQuery()) {
                return rs.next() ? new Work(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)) : Work.UNKNOWN;
            }
        } catch (SQLException e) {
            return Work.UNKNOWN;
        }
    }

    /** The processes' CPU at one moment ({@code pid → ticks}) and the database's commits so far (-1: unknown). */
    record Reading(Map<Long, Long> backends, Map<Long, Long> server, long commits) {
    }

    synchronized Reading read() {
        var backends = new HashMap<Long, Long>();
        var server = new HashMap<Long, Long>();
        try (var s = connection.prepareStatement("select pid, datname, backend_type from pg_stat_activity"
                + " where pid <> pg_backend_pid()")) {
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    String datname = rs.getString(2);
                    if (database.equals(datname)) {
                        backends.put(pid, ProcCpu.ticks(pid));
                    } else if (datname == null && !"client backend".equals(rs.getString(3))) {
                        server.put(pid, ProcCpu.ticks(pid));
                    }
                }
            }
        } catch (SQLException e) {
            return new Reading(Map.of(), Map.of(), -1);
        }
        return new Reading(backends, server, commits());
    }

    private long commits() {
        try (var s = connection.prepareStatement("select xact_commit from pg_stat_database where datname = ?")) {
            s.setString(1, database);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

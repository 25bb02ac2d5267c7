package dev.crosspost.message.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The look-ups the outbox makes for every message it accepts stay cheap however many rows the table keeps: on
 * PostgreSQL, with a table as a busy day leaves it (sent rows kept, a backlog of one target held by this node), the
 * oldest row nobody holds and the oldest row another node holds are read from {@code ix_outbox_target_holder}, never
 * by walking the primary key through the whole table (what PostgreSQL chose before V37: 11-21 ms a message at 80,000
 * rows). PostgreSQL only: H2 has no such planner, and the README's test command runs on PostgreSQL.
 */
class OutboxLookupsIT {

    private static final ChannelAddress MAIL = ChannelAddress.parse("mail:reader@example.org");
    private static final ChannelAddress ROOM = ChannelAddress.parse("xmpp-room:team@conference.localhost");
    private static JdbcClient jdbc;
    private static OutboxStore store;

    @BeforeAll
    static void aBusyDaysTable() throws Exception {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL's planner (-Dit.db=postgres)");
        String database = TestDatabase.fresh("outbox_lookups");
        var dataSource = new DriverManagerDataSource(TestDatabase.url(database), "postgres", "postgres");
        Flyway.configure().dataSource(dataSource).table("crosspost_schema_history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        store = new OutboxStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        // 60,000 mail rows sent, then a backlog of 20,000 this node holds, and 50 room lines on their way
        rows(MAIL, 60_000, "SENT", null);
        rows(MAIL, 20_000, "PENDING", "node-a");
        rows(ROOM, 50, "PENDING", "node-a");
        jdbc.sql("analyze crosspost.outbox").update();
    }

    private static void rows(ChannelAddress target, int n, String status, String owner) {
        jdbc.sql("""
                insert into crosspost.outbox (id, message_id, target, kind, text, status, lease_owner, lease_until,
                                              created_at)
                select ? || g, ? || g, ?, ?, 'hello', ?, ?, now() + interval '1 minute', now()
                  from generate_series(1, ?) g""")
                .params(target.kind() + "-" + status + "-", "m-" + target.kind() + "-" + status + "-",
                        target.toString(), target.kind(), status, owner, n)
                .update();
    }

    @Test
    void theOldestUnheldRowIsTheFirstEntryOfItsIndexRange() {
        assertThat(store.oldestUnheld(MAIL)).as("every pending row is held").isNull();
        assertThat(plan(OutboxStore.OLDEST_UNHELD, MAIL.toString()))
                .contains("ix_outbox_target_holder").doesNotContain("outbox_pkey");
    }

    @Test
    void theOldestRowAnotherNodeHoldsIsReadFromTheTargetsRowsNotTheTable() {
        assertThat(store.oldestHeldElsewhere(MAIL, "node-a")).as("this node holds them all").isNull();
        long oldestRoomLine = jdbc.sql("select min(seq) from crosspost.outbox where target = ?")
                .param(ROOM.toString()).query(Long.class).single();
        assertThat(store.oldestHeldElsewhere(ROOM, "node-b")).isEqualTo(oldestRoomLine);
        assertThat(plan(OutboxStore.OLDEST_HELD_BY_OTHERS, MAIL.toString(), "node-a")).doesNotContain("outbox_pkey");
    }

    @Test
    void aRowNobodyHoldsIsFound() {
        long seq = jdbc.sql("""
                insert into crosspost.outbox (id, message_id, target, kind, text, status, lease_until, created_at)
                values ('unheld-1', 'm-unheld-1', ?, 'mail', 'hello', 'PENDING', now(), now()) returning seq""")
                .param(MAIL.toString()).query(Long.class).single();
        try {
            assertThat(store.oldestUnheld(MAIL)).isEqualTo(seq);
            assertThat(store.oldestHeldElsewhere(MAIL, "node-a")).isEqualTo(seq);
        } finally {
            jdbc.sql("delete from crosspost.outbox where id = 'unheld-1'").update();
        }
    }

    private static String plan(String sql, Object... params) {
        List<String> lines = jdbc.sql("explain " + sql).params(params).query(String.class).list();
        return String.join("\n", lines);
    }
}

package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import dev.crosspost.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The dedup look-up every accepted message makes ({@code channel} + external id) goes through the unique index,
 * with and without statistics, however many messages the channel holds. V35's indexes on (channel, wire_id) and
 * (channel, origin_id) let PostgreSQL, on a table not yet analysed (a new database), filter every message of the
 * channel instead (the benchmark: 1,000 rows read per shout after 2,000 shouts; V5 had fixed the same once). The
 * look-up of a message a chat client changes still finds it by any of its ids. PostgreSQL only: its planner.
 */
class MessageLookupsIT {

    private static final String SHOUTBOX = "shoutbox:team";
    private static final String ROOM = "xmpp-room:team@conference.localhost";
    private static JdbcClient jdbc;
    private static MessageStore store;

    @BeforeAll
    static void aBusyChannelNotYetAnalysed() throws Exception {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL's planner (-Dit.db=postgres)");
        String database = TestDatabase.fresh("message_lookups");
        var dataSource = new DriverManagerDataSource(TestDatabase.url(database), "postgres", "postgres");
        Flyway.configure().dataSource(dataSource).table("crosspost_schema_history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        store = new MessageStore(jdbc);
        jdbc.sql("""
                insert into crosspost.messages (id, channel, external_id, text, received_at)
                select 'm-' || g, ?, 'key-' || g, 'hello', now() from generate_series(1, 3000) g""")
                .param(SHOUTBOX).update();
        jdbc.sql("""
                insert into crosspost.messages (id, channel, external_id, text, received_at, wire_id, origin_id,
                                                author_address)
                values ('line-1', ?, 'stanza-1', 'a line', now(), 'wire-1', 'origin-1', 'alice@localhost')""")
                .param(ROOM).update();
    }

    @Test
    void theDedupLookUpReadsTheUniqueIndexBeforeAndAfterAnalyse() {
        assertThat(store.find(ChannelAddress.parse(SHOUTBOX), "key-2999")).hasValueSatisfying(
                a -> assertThat(a.messageId()).isEqualTo("m-2999"));
        assertThat(plan(MessageStore.FIND, SHOUTBOX, "key-2999")).as("no statistics yet")
                .contains("uq_messages_channel_external").doesNotContain("Filter");

        jdbc.sql("analyze crosspost.messages").update();
        assertThat(plan(MessageStore.FIND, SHOUTBOX, "key-2999")).as("analysed")
                .contains("uq_messages_channel_external").doesNotContain("Filter");
    }

    @Test
    void aChangedMessageIsFoundByEachOfItsIds() {
        var room = ChannelAddress.parse(ROOM);
        for (String ref : List.of("stanza-1", "wire-1", "origin-1")) {
            assertThat(store.written(room, ref, "alice@localhost")).as(ref)
                    .hasValueSatisfying(w -> assertThat(w.messageId()).isEqualTo("line-1"));
        }
        assertThat(store.written(room, "key-1", "alice@localhost")).as("another channel's id").isEmpty();
    }

    @Test
    void aCatchUpAsksWhichOfAPageOfIdsAreKnownInOneLookUp() {
        var room = ChannelAddress.parse(ROOM);
        assertThat(store.knownExternalIds(room, List.of("stanza-1", "stanza-2", "key-1")))
                .as("the room's own line; another room line never taken in; a shoutbox id").containsExactly("stanza-1");
        assertThat(store.knownExternalIds(ChannelAddress.parse(SHOUTBOX), List.of("key-1", "key-2999", "key-9999")))
                .containsExactlyInAnyOrder("key-1", "key-2999");
        assertThat(store.knownExternalIds(room, List.of())).isEmpty();
    }

    private static String plan(String sql, Object... params) {
        List<String> lines = jdbc.sql("explain " + sql).params(params).query(String.class).list();
        return String.join("\n", lines);
    }
}

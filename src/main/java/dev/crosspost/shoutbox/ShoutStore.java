package dev.crosspost.shoutbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.crosspost.message.OutboundPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.shouts} table. */
@Repository
class ShoutStore {

    private final JdbcClient jdbc;
    private final Duration editWindow;

    ShoutStore(JdbcClient jdbc, ShoutboxProperties properties) {
        this.jdbc = jdbc;
        this.editWindow = properties.editWindow();
    }

    /** Inserts the shout unless one with its id exists; returns whether it was inserted. */
    boolean insertIfAbsent(Shout s) {
        return jdbc.sql("""
                insert into crosspost.shouts (id, shoutbox, author, author_name, text, created_at, origin, message_id)
                select ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from crosspost.shouts where id = ?)""")
                .params(s.id(), s.shoutbox(), s.author(), s.authorName(), s.text(), Timestamp.from(s.createdAt()),
                        s.origin(), s.messageId(), s.id())
                .update() == 1;
    }

    Optional<Shout> find(String id) {
        return jdbc.sql("select * from crosspost.shouts where id = ?").param(id).query(this::map).optional();
    }

    /** Changes the shout's text; returns whether it was there. */
    boolean edit(String id, String text, String by, Instant at) {
        return jdbc.sql("update crosspost.shouts set text = ?, edited_at = ?, edited_by = ? where id = ?")
                .params(text, Timestamp.from(at), by, id).update() == 1;
    }

    /** The shouts relayed here as copies of message {@code messageId} (not the message itself): id and text. */
    List<OutboundPort.Copy> copiesOf(String messageId) {
        return jdbc.sql("select id, text from crosspost.shouts where message_id = ? and id <> ? order by seq")
                .params(messageId, messageId)
                .query((rs, n) -> new OutboundPort.Copy(rs.getString("id"), rs.getString("text"))).list();
    }

    /** The newest {@code limit} shouts of a box, newest first. */
    List<Shout> newest(String shoutbox, int limit) {
        return jdbc.sql("select * from crosspost.shouts where shoutbox = ? order by created_at desc, seq desc limit ?")
                .params(shoutbox, limit)
                .query(this::map)
                .list();
    }

    /** Deletes the shout; returns whether it was there. */
    boolean delete(String id) {
        return jdbc.sql("delete from crosspost.shouts where id = ?").param(id).update() == 1;
    }

    /** Deletes up to {@code batch} of the oldest shouts created before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int batch) {
        return jdbc.sql("""
                delete from crosspost.shouts where id in
                    (select id from crosspost.shouts where created_at < ? order by created_at, seq limit ?)""")
                .params(Timestamp.from(cutoff), batch)
                .update();
    }

    private Shout map(ResultSet rs, int row) throws SQLException {
        Instant created = rs.getTimestamp("created_at").toInstant();
        String origin = rs.getString("origin");
        Timestamp edited = rs.getTimestamp("edited_at");
        return new Shout(rs.getString("id"), rs.getString("shoutbox"), rs.getString("author"),
                rs.getString("author_name"), rs.getString("text"), created, origin,
                edited == null ? null : edited.toInstant(), origin == null ? created.plus(editWindow) : null,
                rs.getString("message_id"));
    }
}

package dev.crosspost.shoutbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.shouts} table. */
@Repository
class ShoutStore {

    private final JdbcClient jdbc;

    ShoutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the shout unless one with its id exists; returns whether it was inserted. */
    boolean insertIfAbsent(Shout s) {
        return jdbc.sql("""
                insert into crosspost.shouts (id, shoutbox, author, author_name, text, created_at, origin)
                select ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from crosspost.shouts where id = ?)""")
                .params(s.id(), s.shoutbox(), s.author(), s.authorName(), s.text(), Timestamp.from(s.createdAt()),
                        s.origin(), s.id())
                .update() == 1;
    }

    Optional<Shout> find(String id) {
        return jdbc.sql("select * from crosspost.shouts where id = ?").param(id).query(ShoutStore::map).optional();
    }

    /** The newest {@code limit} shouts of a box, newest first. */
    List<Shout> newest(String shoutbox, int limit) {
        return jdbc.sql("select * from crosspost.shouts where shoutbox = ? order by created_at desc, seq desc limit ?")
                .params(shoutbox, limit)
                .query(ShoutStore::map)
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

    private static Shout map(ResultSet rs, int row) throws SQLException {
        return new Shout(rs.getString("id"), rs.getString("shoutbox"), rs.getString("author"),
                rs.getString("author_name"), rs.getString("text"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("origin"));
    }
}

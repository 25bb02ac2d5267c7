package dev.crosspost.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.crosspost.refusal.Conflict;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.webhooks} table: every hook, incoming and outgoing, in one name space. */
@Repository
public class HookStore {

    private static final String COLUMNS =
            "name, direction, preset, token_hash, secret, format, url, host, created_at, rotated_at";

    private final JdbcClient jdbc;

    HookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new hook; a name taken by any hook, either way, is a 409. */
    public void insert(Hook h) {
        try {
            jdbc.sql("insert into crosspost.webhooks (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(h.name(), h.direction(), h.preset(), h.tokenHash(), h.secret(), h.format(), h.url(),
                            h.host(), Timestamp.from(h.createdAt()), null)
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new Conflict("the name '" + h.name() + "' is taken (by an " + find(h.name())
                    .map(Hook::direction).orElse("other") + " hook): hook names are channel addresses, one for both ways");
        }
    }

    public Optional<Hook> find(String name) {
        return jdbc.sql("select " + COLUMNS + " from crosspost.webhooks where name = ?").param(name)
                .query(HookStore::hook).optional();
    }

    public List<Hook> all(String direction) {
        return jdbc.sql("select " + COLUMNS + " from crosspost.webhooks where direction = ? order by name")
                .param(direction).query(HookStore::hook).list();
    }

    /** New secrets for a hook; {@code false} when there is no such hook of that direction. */
    public boolean rotate(String name, String direction, String tokenHash, String secret, Instant at) {
        return jdbc.sql("""
                update crosspost.webhooks set token_hash = ?, secret = ?, rotated_at = ?
                 where name = ? and direction = ?""")
                .params(tokenHash, secret, Timestamp.from(at), name, direction).update() == 1;
    }

    /** Deletes a hook of that direction; {@code false} when there was none. */
    public boolean delete(String name, String direction) {
        return jdbc.sql("delete from crosspost.webhooks where name = ? and direction = ?").params(name, direction)
                .update() == 1;
    }

    private static Hook hook(ResultSet rs, int n) throws SQLException {
        Timestamp rotated = rs.getTimestamp("rotated_at");
        return new Hook(rs.getString("name"), rs.getString("direction"), rs.getString("preset"),
                rs.getString("token_hash"), rs.getString("secret"), rs.getString("format"), rs.getString("url"),
                rs.getString("host"), rs.getTimestamp("created_at").toInstant(),
                rotated == null ? null : rotated.toInstant());
    }
}

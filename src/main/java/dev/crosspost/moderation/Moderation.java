package dev.crosspost.moderation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.crosspost.member.Member;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who may remove a shout, a story or a comment, and the record of every removal (who, what, when), which admins
 * read at {@code GET /api/removals}.
 * <p>
 * May remove: the item's author; an admin; a member of the group {@value #MODERATORS} for items of the teams
 * they belong to, and for items every member reads (a story without a team).
 */
@Component
public class Moderation {

    /** The Camunda group whose members moderate the teams they are in. */
    public static final String MODERATORS = "moderator";

    private static final Logger log = LoggerFactory.getLogger(Moderation.class);

    private final JdbcClient jdbc;

    Moderation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What was removed: {@code kind} is shout, story or comment; {@code place} the shoutbox or the story. */
    public record Removal(@Schema(allowableValues = {"shout", "story", "comment"}) String kind, String itemId,
                          String place, @Nullable String author, String removedBy,
                          Instant removedAt) {
    }

    /**
     * Whether {@code member} may remove an item written by {@code author} in {@code team} ({@code null}: an item
     * every member reads).
     */
    static boolean mayRemove(Member member, String author, String team) {
        return member.id().equals(author) || moderates(member, team);
    }

    /**
     * Whether {@code member} moderates {@code team} ({@code null}: what every member reads): an admin, or a member of
     * {@value #MODERATORS} in that team. Moderators remove and edit what others wrote there.
     */
    public static boolean moderates(Member member, String team) {
        return member.admin()
                || member.teams().contains(MODERATORS) && (team == null || member.teams().contains(team));
    }

    /**
     * One item to remove: {@code kind} is shout, story or comment; {@code place} the shoutbox or the story (for the
     * record); {@code team} whose moderators may remove it ({@code null}: an item every member reads).
     */
    public record Item(String kind, String id, String place, String author, String team) {
    }

    /**
     * Removes {@code item} for {@code by} and records it, in the caller's transaction: {@link Forbidden} unless they
     * may ({@link #mayRemove}); {@code delete} deletes it and says whether it was still there ({@link NotFound} if
     * not). The one sequence behind every removal (shouts, stories, comments).
     */
    public void remove(Member by, Item item, BooleanSupplier delete) {
        if (!mayRemove(by, item.author(), item.team())) {
            throw new Forbidden("only the author, a moderator or an admin may delete it");
        }
        if (!delete.getAsBoolean()) {
            throw new NotFound("no " + item.kind() + " '" + item.id() + "'");
        }
        record(item.kind(), item.id(), item.place(), item.author(), by);
    }

    /** Records a removal, in the transaction that deletes the item. */
    private void record(String kind, String itemId, String place, String author, Member by) {
        jdbc.sql("""
                insert into crosspost.removals (kind, item_id, place, author, removed_by, removed_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(kind, itemId, place, author, by.id(), Timestamp.from(Instant.now()))
                .update();
        log.info("removed {} {} in {} (author {}) by {}", kind, itemId, place, author, by.id());
    }

    List<Removal> newest(int limit) {
        return jdbc.sql("select * from crosspost.removals order by removed_at desc, seq desc limit ?")
                .param(limit)
                .query((rs, n) -> new Removal(rs.getString("kind"), rs.getString("item_id"), rs.getString("place"),
                        rs.getString("author"), rs.getString("removed_by"), rs.getTimestamp("removed_at").toInstant()))
                .list();
    }
}

package dev.crosspost.story;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.stories} and {@code crosspost.story_comments} tables. */
@Repository
class StoryStore {

    private static final String VISIBLE = " where (team is null or team in (:teams) or :all = true) ";

    private final JdbcClient jdbc;

    StoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Story s) {
        jdbc.sql("""
                insert into crosspost.stories (id, title, body, author, author_name, team, source_message_id,
                    source_channel, source_step, origin, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.title(), s.body(), s.author(), s.authorName(), s.team(), s.sourceMessageId(),
                        s.sourceChannel(), s.sourceStep(), s.origin(), s.version(), Timestamp.from(s.createdAt()),
                        Timestamp.from(s.updatedAt()))
                .update();
    }

    /** Writes an edit if the story is still at the version before it; returns whether it was. */
    boolean update(Story edited) {
        return jdbc.sql("""
                update crosspost.stories set title = ?, body = ?, version = ?, updated_at = ?
                where id = ? and version = ?""")
                .params(edited.title(), edited.body(), edited.version(), Timestamp.from(edited.updatedAt()),
                        edited.id(), edited.version() - 1)
                .update() == 1;
    }

    Optional<Story> find(String id) {
        return jdbc.sql("select * from crosspost.stories where id = ?").param(id).query(StoryStore::story).optional();
    }

    Optional<Story> findBySource(String sourceMessageId, String sourceStep) {
        return jdbc.sql("select * from crosspost.stories where source_message_id = ? and source_step = ?")
                .params(sourceMessageId, sourceStep).query(StoryStore::story).optional();
    }

    /** A page of the stories the reader may see, newest first. */
    List<Story> newest(Collection<String> teams, boolean all, int offset, int limit) {
        return jdbc.sql("select * from crosspost.stories" + VISIBLE
                        + "order by created_at desc, seq desc limit :limit offset :offset")
                .param("teams", teams.isEmpty() ? List.of("") : teams).param("all", all)
                .param("limit", limit).param("offset", offset)
                .query(StoryStore::story).list();
    }

    long count(Collection<String> teams, boolean all) {
        return jdbc.sql("select count(*) from crosspost.stories" + VISIBLE)
                .param("teams", teams.isEmpty() ? List.of("") : teams).param("all", all)
                .query(Long.class).single();
    }

    void insert(Comment c) {
        jdbc.sql("""
                insert into crosspost.story_comments (id, story_id, author, author_name, body, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.storyId(), c.author(), c.authorName(), c.body(), Timestamp.from(c.createdAt()))
                .update();
    }

    /** The comments of a story, oldest first (a conversation reads downwards). */
    /** The id of the story a comment is on. */
    Optional<String> storyOfComment(String commentId) {
        return jdbc.sql("select story_id from crosspost.story_comments where id = ?")
                .param(commentId).query(String.class).optional();
    }

    List<Comment> comments(String storyId) {
        return jdbc.sql("select * from crosspost.story_comments where story_id = ? order by created_at, seq")
                .param(storyId)
                .query(StoryStore::comment)
                .list();
    }

    private static Comment comment(ResultSet rs, int row) throws SQLException {
        return new Comment(rs.getString("id"), rs.getString("story_id"), rs.getString("author"),
                rs.getString("author_name"), rs.getString("body"), rs.getTimestamp("created_at").toInstant());
    }

    Optional<Comment> comment(String storyId, String commentId) {
        return jdbc.sql("select * from crosspost.story_comments where story_id = ? and id = ?")
                .params(storyId, commentId).query(StoryStore::comment).optional();
    }

    /** Deletes a comment; returns whether it was there. */
    boolean deleteComment(String commentId) {
        return jdbc.sql("delete from crosspost.story_comments where id = ?").param(commentId).update() == 1;
    }

    /** Deletes a story with its comments; returns whether it was there. */
    boolean deleteStory(String storyId) {
        jdbc.sql("delete from crosspost.story_comments where story_id = ?").param(storyId).update();
        return jdbc.sql("delete from crosspost.stories where id = ?").param(storyId).update() == 1;
    }

    private static Story story(ResultSet rs, int row) throws SQLException {
        return new Story(rs.getString("id"), rs.getString("title"), rs.getString("body"), rs.getString("author"),
                rs.getString("author_name"), rs.getString("team"), rs.getString("source_message_id"),
                rs.getString("source_channel"), rs.getString("source_step"), rs.getString("origin"),
                rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}

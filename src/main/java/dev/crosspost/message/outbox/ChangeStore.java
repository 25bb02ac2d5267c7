package dev.crosspost.message.outbox;

import java.util.List;
import java.util.Optional;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a change of a message needs of the tables: the message's row (its text, its count of changes) and the outbox
 * rows of its sends and of their earlier changes.
 */
@Repository
class ChangeStore {

    /** The message as it read before this change, and the change's number (1 for its first). */
    record Before(String text, int number) {
    }

    /** An outbox row of the message: a send or a change of one. */
    record Line(ChannelAddress target, OutgoingMessage message, String status, OutboxRow.Action action,
                String replaces) {
    }

    private final JdbcClient jdbc;

    ChangeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one more change of the message and, for an edit, keeps its new text ({@code null}: a removal, the text
     * stays); locks the row until the caller's transaction ends, so two changes of one message are one after the
     * other. Empty when the message is not (or no longer) kept.
     */
    Optional<Before> change(String messageId, String newText) {
        Optional<Before> before = jdbc.sql("select text, changes from crosspost.messages where id = ? for update")
                .param(messageId).query((rs, n) -> new Before(rs.getString(1), rs.getInt(2) + 1)).optional();
        before.ifPresent(b -> jdbc.sql("""
                        update crosspost.messages set text = coalesce(?, text), changes = changes + 1 where id = ?""")
                .params(newText, messageId).update());
        return before;
    }

    /** The message's outbox rows, in the order they were written. */
    List<Line> lines(String messageId) {
        return jdbc.sql("""
                select id, message_id, target, origin_channel, sender, sender_name, text, status, action, replaces
                  from crosspost.outbox where message_id = ? order by seq""")
                .param(messageId)
                .query((rs, n) -> {
                    String origin = rs.getString(4);
                    var m = new OutgoingMessage(rs.getString(1), rs.getString(2),
                            origin == null ? null : ChannelAddress.parse(origin), rs.getString(5), rs.getString(6),
                            rs.getString(7));
                    return new Line(ChannelAddress.parse(rs.getString(3)), m, rs.getString(8),
                            OutboxRow.Action.valueOf(rs.getString(9)), rs.getString(10));
                }).list();
    }
}

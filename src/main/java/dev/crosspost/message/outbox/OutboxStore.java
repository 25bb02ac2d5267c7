package dev.crosspost.message.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code crosspost.outbox} table: every send that leaves Crosspost, from its accepting commit until SENT. */
@Repository
class OutboxStore {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String SKIPPED = "SKIPPED";

    /** The columns of an {@link OutboxEntry}. */
    private static final String ENTRY =
            "id, message_id, target, status, attempts, next_attempt_at, last_error, created_at, sent_at, action";
    private static final String COLUMNS = """
            seq, id, message_id, target, origin_channel, sender, sender_name, text, subject, unsubscribe_url,
            attempts, next_attempt_at, created_at, action, replaces,
            -- a row inserted by a node that does not send its kind has no owner and lease_until = created_at until
            -- it is first claimed; release() sets lease_until to the time of release, so only such a row is false
            case when lease_owner is null and attempts = 0 and lease_until = created_at then 0 else 1 end held_before""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    OutboxStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Inserts a PENDING row held by {@code leaseOwner} until {@code leaseUntil} ({@code null} owner: nobody holds
     * it, any node that sends this kind claims it; then {@code leaseUntil} must be {@code now}, which marks the row as
     * never held, see {@code held_before}). Empty when a row with this id exists already.
     */
    Optional<OutboxRow> insert(ChannelAddress target, OutgoingMessage m, String leaseOwner, Instant leaseUntil,
                               Instant now) {
        return insert(target, m, OutboxRow.Action.SAY, null, leaseOwner, leaseUntil, now);
    }

    /** As {@link #insert(ChannelAddress, OutgoingMessage, String, Instant, Instant)}, a row that does {@code action}. */
    Optional<OutboxRow> insert(ChannelAddress target, OutgoingMessage m, OutboxRow.Action action, String replaces,
                               String leaseOwner, Instant leaseUntil, Instant now) {
        var keys = new GeneratedKeyHolder();
        int added = jdbc.sql("""
                insert into crosspost.outbox (id, message_id, target, kind, origin_channel, sender, sender_name, text,
                    subject, unsubscribe_url, status, attempts, lease_owner, lease_until, created_at, action, replaces)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?
                where not exists (select 1 from crosspost.outbox where id = ?)""")
                .params(m.id(), m.messageId(), target.toString(), target.kind(),
                        m.originChannel() == null ? null : m.originChannel().toString(), m.sender(), m.senderName(),
                        m.text(), m.subject(), m.unsubscribeUrl(), leaseOwner, Timestamp.from(leaseUntil),
                        Timestamp.from(now), action.name(), replaces, m.id())
                .update(keys, "seq");
        if (added == 0) {
            return Optional.empty();
        }
        long seq = keys.getKey().longValue();
        return Optional.of(new OutboxRow(seq, target, m, 0, null, now, leaseOwner != null, action, replaces));
    }

    /**
     * Records a change the target's channel cannot make as a SKIPPED row with the reason (never sent; shown in the
     * message's trace). A repeated id adds nothing.
     */
    void insertSkipped(ChannelAddress target, OutgoingMessage m, OutboxRow.Action action, String replaces,
                       String reason, Instant now) {
        jdbc.sql("""
                insert into crosspost.outbox (id, message_id, target, kind, origin_channel, sender, sender_name, text,
                    status, attempts, last_error, lease_until, created_at, action, replaces)
                select ?, ?, ?, ?, ?, ?, ?, ?, 'SKIPPED', 0, ?, ?, ?, ?, ?
                where not exists (select 1 from crosspost.outbox where id = ?)""")
                .params(m.id(), m.messageId(), target.toString(), target.kind(),
                        m.originChannel() == null ? null : m.originChannel().toString(), m.sender(), m.senderName(),
                        m.text(), clip(reason), Timestamp.from(now), Timestamp.from(now), action.name(), replaces,
                        m.id())
                .update();
    }

    /**
     * When the rows to {@code target} written since {@code since} were written, at most the {@code newest} most
     * recent, oldest first: the count behind a port's hourly cap, which never needs more rows than the cap (a
     * cap far above the traffic would otherwise read every send of the hour for every new one). Runs through
     * {@code ix_outbox_target_holder}, over the target's kept rows (for a capped target at most the cap per hour of
     * {@code crosspost.outbox.keep}), so no index of its own slows every insert.
     */
    List<Instant> writtenSince(ChannelAddress target, Instant since, int newest) {
        List<Instant> times = new ArrayList<>(jdbc.sql("""
                select created_at from crosspost.outbox
                 where target = ? and status <> 'SKIPPED' and created_at >= ? order by created_at desc limit ?""")
                .params(target.toString(), Timestamp.from(since), newest)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list());
        Collections.reverse(times);
        return times;
    }

    /** Whether a row with stable id {@code id} was written. */
    boolean exists(String id) {
        return !jdbc.sql("select 1 from crosspost.outbox where id = ?").param(id).query().listOfRows().isEmpty();
    }

    /** Marks sent rows, in one statement. */
    void markSent(Collection<Long> seqs, Instant at) {
        jdbc.sql("update crosspost.outbox set status = 'SENT', sent_at = :at, lease_owner = null, next_attempt_at = null"
                        + " where seq in (:seqs) and status <> 'SENT'")
                .param("at", Timestamp.from(at)).param("seqs", seqs).update();
    }

    /** Records a failed attempt of a row that will be tried again at {@code next}. */
    void markRetry(long seq, int attempts, Instant next, String error) {
        jdbc.sql("update crosspost.outbox set attempts = ?, next_attempt_at = ?, last_error = ? where seq = ?")
                .params(attempts, Timestamp.from(next), clip(error), seq).update();
    }

    /** A row that is not tried again by the dispatcher: refused for good, or retries ran out. */
    void markFailed(long seq, int attempts, String error) {
        jdbc.sql("""
                update crosspost.outbox set status = 'FAILED', attempts = ?, next_attempt_at = null, last_error = ?,
                    lease_owner = null where seq = ?""")
                .params(attempts, clip(error), seq).update();
    }

    /**
     * Gives a FAILED row back to the dispatchers: PENDING with no failed attempt, due now and held by nobody, so that
     * the next node that sends its kind claims it. It keeps its sequence, and so its place before the younger rows of
     * its target. {@code false} when the row was not FAILED (handed back already, or sent meanwhile): nothing changed.
     */
    boolean handBack(long seq, Instant now) {
        return jdbc.sql("""
                update crosspost.outbox set status = 'PENDING', attempts = 0, next_attempt_at = null, lease_owner = null,
                    lease_until = ? where seq = ? and status = 'FAILED'""")
                .params(Timestamp.from(now), seq).update() == 1;
    }

    /**
     * Takes over up to {@code limit} PENDING rows of {@code kinds} whose lease ran out, oldest first, and leases
     * them to {@code owner}. Rows another node is claiming at the same moment are skipped, not waited for.
     */
    List<OutboxRow> claim(String owner, Collection<String> kinds, Instant now, Instant leaseUntil, int limit) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            List<OutboxRow> rows = jdbc.sql("select " + COLUMNS + """
                     from crosspost.outbox r
                    where status = 'PENDING' and lease_until < :now and kind in (:kinds)
                      -- never before an older send of the same target that another node still holds (a node that
                      -- died: until its lease runs out), so a target's sends leave in order across a takeover
                      and not exists (select 1 from crosspost.outbox o
                                       where o.target = r.target and o.status = 'PENDING' and o.seq < r.seq
                                         and o.lease_until >= :now and o.lease_owner <> :owner)
                    order by seq
                    limit :limit
                    for update skip locked""")
                    .param("now", Timestamp.from(now)).param("kinds", kinds).param("limit", limit)
                    .param("owner", owner).query(OutboxStore::row).list();
            if (!rows.isEmpty()) {
                jdbc.sql("update crosspost.outbox set lease_owner = :owner, lease_until = :until where seq in (:seqs)")
                        .param("owner", owner).param("until", Timestamp.from(leaseUntil))
                        .param("seqs", rows.stream().map(OutboxRow::seq).toList()).update();
            }
            return rows;
        });
    }

    /** {@link #oldestUnheld}'s query: target. */
    static final String OLDEST_UNHELD = """
            select seq from crosspost.outbox
             where target = ? and status = 'PENDING' and lease_owner is null
             order by target, status, lease_owner, seq limit 1""";

    /**
     * The oldest PENDING row of a target that another node holds: target, this node. "group by": without it
     * PostgreSQL turns min(seq) into a walk of the primary key from the table's oldest row, filtering every row on
     * its way (V37 says what that cost); grouped, it reads the target's pending rows from ix_outbox_target_holder.
     */
    static final String OLDEST_HELD_BY_OTHERS = """
            select min(seq) from crosspost.outbox
             where target = ? and status = 'PENDING' and lease_owner <> ? group by target""";

    /**
     * The oldest PENDING row for {@code target} held by another node than {@code owner}, or by none (after a crash:
     * the dead node's rows, until their lease runs out and they are claimed; in a cluster: rows written by a node
     * that does not send the kind, until claimed); {@code null} when there is none.
     */
    Long oldestHeldElsewhere(ChannelAddress target, String owner) {
        Long unheld = oldestUnheld(target);
        Long elsewhere = jdbc.sql(OLDEST_HELD_BY_OTHERS).params(target.toString(), owner).query(Long.class)
                .optional().orElse(null);
        if (unheld == null || elsewhere == null) {
            return unheld == null ? elsewhere : unheld;
        }
        return Math.min(unheld, elsewhere);
    }

    /**
     * The oldest PENDING row for {@code target} that nobody holds (written by a node that does not send the kind,
     * released, or handed back by a Retry, until a node claims it); {@code null} when there is none. Asked for each
     * row a node accepts and sends itself: the first entry of its range in {@code ix_outbox_target_holder} (ordered
     * as the index is, so that PostgreSQL does not walk the primary key instead: V37).
     */
    Long oldestUnheld(ChannelAddress target) {
        return jdbc.sql(OLDEST_UNHELD).param(target.toString()).query(Long.class).optional().orElse(null);
    }

    /** Extends the lease on the PENDING rows {@code owner} holds among {@code seqs}, a thousand per statement. */
    int renew(String owner, Instant leaseUntil, Collection<Long> seqs) {
        List<Long> all = new ArrayList<>(seqs);
        int renewed = 0;
        for (int from = 0; from < all.size(); from += 1000) {
            renewed += jdbc.sql("""
                    update crosspost.outbox set lease_until = :until
                     where lease_owner = :owner and status = 'PENDING' and seq in (:seqs)""")
                    .param("until", Timestamp.from(leaseUntil)).param("owner", owner)
                    .param("seqs", all.subList(from, Math.min(all.size(), from + 1000))).update();
        }
        return renewed;
    }

    /** Lets go of {@code owner}'s PENDING rows (shutting down): the next node that polls takes them at once. */
    int release(String owner, Instant now) {
        return jdbc.sql("""
                update crosspost.outbox set lease_owner = null, lease_until = ?
                 where lease_owner = ? and status = 'PENDING'""")
                .params(Timestamp.from(now), owner).update();
    }

    /** Lets go of some of {@code owner}'s PENDING rows: any node that sends their kind takes them at once. */
    void release(String owner, Collection<Long> seqs, Instant now) {
        jdbc.sql("""
                update crosspost.outbox set lease_owner = null, lease_until = :now
                 where lease_owner = :owner and status = 'PENDING' and seq in (:seqs)""")
                .param("now", Timestamp.from(now)).param("owner", owner).param("seqs", seqs).update();
    }

    /** Records which process node {@code node} is ({@link NodeProcesses}), seen now (crosspost.outbox_node, V40). */
    void saveNode(String node, String process, Instant now) {
        tx.executeWithoutResult(status -> {
            int updated = jdbc.sql("update crosspost.outbox_node set process = ?, seen_at = ? where node = ?")
                    .params(process, Timestamp.from(now), node).update();
            if (updated == 0) {
                jdbc.sql("insert into crosspost.outbox_node (node, process, seen_at) values (?, ?, ?)")
                        .params(node, process, Timestamp.from(now)).update();
            }
        });
    }

    /** The process of every other node that recorded one: node, process. */
    Map<String, String> otherNodes(String node) {
        Map<String, String> nodes = new LinkedHashMap<>();
        jdbc.sql("select node, process from crosspost.outbox_node where node <> ? order by node").param(node)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> nodes.put(e.getKey(), e.getValue()));
        return nodes;
    }

    /** Forgets which process {@code node} was: it stopped, or it ended and its sends were let go of. */
    void forgetNode(String node) {
        jdbc.sql("delete from crosspost.outbox_node where node = ?").param(node).update();
    }

    /** Forgets the nodes nobody has seen since {@code before} (ended on another machine, so never let go of here). */
    int purgeNodes(Instant before) {
        return jdbc.sql("delete from crosspost.outbox_node where seen_at < ?").param(Timestamp.from(before)).update();
    }

    /** Deletes SENT and SKIPPED rows created before {@code before}. */
    int purge(Instant before) {
        return jdbc.sql("delete from crosspost.outbox where status in ('SENT', 'SKIPPED') and created_at < ?")
                .param(Timestamp.from(before)).update();
    }

    /** The row with stable id {@code id} and its status. */
    Optional<Stored> find(String id) {
        return jdbc.sql("select " + COLUMNS + ", status from crosspost.outbox where id = ?").param(id)
                .query((rs, n) -> new Stored(row(rs, n), rs.getString("status"))).optional();
    }

    /** A row as stored, with its status. */
    record Stored(OutboxRow row, String status) {
    }

    /** Per target: pending, retrying (pending with a failed attempt), failed, and the oldest pending row's time. */
    List<TargetFigures> figures() {
        return jdbc.sql("""
                select target,
                       sum(case when status = 'PENDING' then 1 else 0 end),
                       sum(case when status = 'PENDING' and attempts > 0 then 1 else 0 end),
                       sum(case when status = 'FAILED' then 1 else 0 end),
                       min(case when status = 'PENDING' then created_at end)
                  from crosspost.outbox where status in ('PENDING', 'FAILED') group by target""")
                .query((rs, n) -> new TargetFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        toInstant(rs.getTimestamp(5))))
                .list();
    }

    /** The sends of these messages, in the order they were queued. */
    List<OutboxEntry> entriesOf(Collection<String> messageIds) {
        return jdbc.sql("select " + ENTRY + " from crosspost.outbox where message_id in (:ids) order by seq")
                .param("ids", messageIds)
                .query(OutboxStore::entry)
                .list();
    }

    /** The newest sends to one target, newest first, at most {@code limit}. */
    List<OutboxEntry> lastEntriesTo(String target, int limit) {
        return jdbc.sql("select " + ENTRY + " from crosspost.outbox where target = :target order by seq desc limit :limit")
                .param("target", target).param("limit", limit)
                .query(OutboxStore::entry)
                .list();
    }

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                toInstant(rs.getTimestamp(6)), rs.getString(7), toInstant(rs.getTimestamp(8)),
                toInstant(rs.getTimestamp(9)), rs.getString(10));
    }

    /**
     * Messages that came in on {@code channel} with at least one send in {@code status} and at least
     * {@code minAttempts} failed attempts, newest send first, at most {@code limit}.
     */
    List<String> messagesWith(String channel, String status, int minAttempts, int limit) {
        return jdbc.sql("""
                select o.message_id, max(o.seq) from crosspost.outbox o join crosspost.messages m on m.id = o.message_id
                 where m.channel = :channel and o.status = :status and o.attempts >= :attempts
                 group by o.message_id order by max(o.seq) desc limit :limit""")
                .param("channel", channel).param("status", status).param("attempts", minAttempts)
                .param("limit", limit)
                .query((rs, n) -> rs.getString(1)).list();
    }

    /** Sends marked SENT per inbound channel of their message: since {@code hourAgo}, since {@code dayAgo}. */
    Map<String, OutboxFigures.Sent> sentSince(Instant hourAgo, Instant dayAgo) {
        return jdbc.sql("""
                select m.channel, sum(case when o.sent_at >= ? then 1 else 0 end), count(*)
                  from crosspost.outbox o join crosspost.messages m on m.id = o.message_id
                 where o.status = 'SENT' and o.sent_at >= ? group by m.channel""")
                .params(Timestamp.from(hourAgo), Timestamp.from(dayAgo))
                .query((rs, n) -> Map.entry(rs.getString(1), new OutboxFigures.Sent(rs.getLong(2), rs.getLong(3))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static OutboxRow row(ResultSet rs, int n) throws SQLException {
        String origin = rs.getString("origin_channel");
        var message = new OutgoingMessage(rs.getString("id"), rs.getString("message_id"),
                origin == null ? null : ChannelAddress.parse(origin), rs.getString("sender"),
                rs.getString("sender_name"), rs.getString("text"), rs.getString("subject"),
                rs.getString("unsubscribe_url"));
        return new OutboxRow(rs.getLong("seq"), ChannelAddress.parse(rs.getString("target")), message,
                rs.getInt("attempts"), toInstant(rs.getTimestamp("next_attempt_at")),
                rs.getTimestamp("created_at").toInstant(), rs.getInt("held_before") == 1,
                OutboxRow.Action.valueOf(rs.getString("action")), rs.getString("replaces"));
    }

    private static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}

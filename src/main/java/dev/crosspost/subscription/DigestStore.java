package dev.crosspost.subscription;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The digest queue: entries waiting for their member's next digest, and the digests that claimed them. */
@Repository
class DigestStore {

    private final JdbcClient jdbc;

    DigestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a message for a subscription's digest; a second call for the same pair does nothing (a repeated
     * notify job, or the task modelled twice). The unique key guards against a race, which one notify job
     * per message does not have.
     */
    boolean queue(String subscriptionId, Notice notice) {
        boolean queued = jdbc.sql("select count(*) from crosspost.digest_entries where subscription_id = ? and message_id = ?")
                .params(subscriptionId, notice.messageId()).query(Long.class).single() > 0;
        if (queued) {
            return false;
        }
        jdbc.sql("""
                insert into crosspost.digest_entries
                    (subscription_id, message_id, channel, sender, sender_name, text, received_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(subscriptionId, notice.messageId(), notice.channel(), notice.sender(), notice.senderName(),
                        notice.text(), Timestamp.from(notice.receivedAt()))
                .update();
        return true;
    }

    /** A member and method with entries waiting for a digest of {@code interval}. */
    record Recipient(String memberId, String method) {
    }

    List<Recipient> waiting(Subscription.Interval interval) {
        return jdbc.sql("""
                select distinct s.member_id, s.method from crosspost.digest_entries e
                join crosspost.subscriptions s on s.id = e.subscription_id
                where e.digest_id is null and s.frequency = ?
                order by s.member_id, s.method""")
                .param(interval.id())
                .query((rs, n) -> new Recipient(rs.getString(1), rs.getString(2))).list();
    }

    /**
     * Makes a digest for {@code recipient} and claims its waiting entries in the caller's transaction. An entry
     * another run claimed first is not taken again ({@code where digest_id is null}; PostgreSQL re-checks it
     * after waiting for the other run's row locks).
     *
     * @return the digest id, or empty when nothing was left to claim
     */
    Optional<String> claim(Recipient recipient, Subscription.Interval interval, Instant now) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into crosspost.digests (id, member_id, method, frequency, created_at) values (?, ?, ?, ?, ?)")
                .params(id, recipient.memberId(), recipient.method(), interval.id(), Timestamp.from(now)).update();
        int claimed = jdbc.sql("""
                update crosspost.digest_entries set digest_id = ?
                where digest_id is null and subscription_id in (select id from crosspost.subscriptions
                    where member_id = ? and method = ? and frequency = ?)""")
                .params(id, recipient.memberId(), recipient.method(), interval.id()).update();
        if (claimed == 0) {
            jdbc.sql("delete from crosspost.digests where id = ?").param(id).update();
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** A claimed digest. */
    record Digest(String id, String memberId, Subscription.Method method, Subscription.Interval interval,
                  Instant sentAt) {
    }

    Optional<Digest> digest(String id) {
        return jdbc.sql("select id, member_id, method, frequency, sent_at from crosspost.digests where id = ?")
                .param(id)
                .query((rs, n) -> new Digest(rs.getString(1), rs.getString(2), Subscription.Method.parse(rs.getString(3)),
                        Subscription.Interval.parse(rs.getString(4)),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** One line of a digest. */
    record Entry(String subscriptionId, String messageId, String channel, String sender, String senderName,
                 String text, Instant receivedAt) {

        Entry withText(String newText) {
            return new Entry(subscriptionId, messageId, channel, sender, senderName, newText, receivedAt);
        }
    }

    /** The digest's entries by channel, each channel in the order its messages came in. */
    List<Entry> entries(String digestId) {
        return jdbc.sql("""
                select subscription_id, message_id, channel, sender, sender_name, text, received_at
                from crosspost.digest_entries where digest_id = ? order by channel, received_at, seq""")
                .param(digestId)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** Forgets digests sent before {@code cutoff}, with their entries: they are history, not a queue. */
    int purgeSentBefore(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        jdbc.sql("delete from crosspost.digest_entries where digest_id in (select id from crosspost.digests"
                + " where sent_at < ?)").param(before).update();
        return jdbc.sql("delete from crosspost.digests where sent_at < ?").param(before).update();
    }

    void markSent(String digestId, Instant when) {
        jdbc.sql("update crosspost.digests set sent_at = ? where id = ?").params(Timestamp.from(when), digestId).update();
    }
}

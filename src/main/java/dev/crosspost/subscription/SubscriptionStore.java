package dev.crosspost.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.subscriptions} table. */
@Repository
class SubscriptionStore {

    private static final String COLUMNS = "id, member_id, channel, method, frequency, created_at";

    private final JdbcClient jdbc;

    SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Subscription s) {
        jdbc.sql("insert into crosspost.subscriptions (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.memberId(), s.channel(), s.method().id(), s.interval().id(),
                        Timestamp.from(s.createdAt()))
                .update();
    }

    Optional<Subscription> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from crosspost.subscriptions where id = ?").param(id)
                .query(SubscriptionStore::row).optional();
    }

    Optional<Subscription> find(String memberId, String channel, Subscription.Method method) {
        return jdbc.sql("select " + COLUMNS + " from crosspost.subscriptions where member_id = ? and channel = ?"
                        + " and method = ?")
                .params(memberId, channel, method.id())
                .query(SubscriptionStore::row).optional();
    }

    List<Subscription> ofMember(String memberId) {
        return jdbc.sql("select " + COLUMNS + " from crosspost.subscriptions where member_id = ?"
                        + " order by channel, method")
                .param(memberId).query(SubscriptionStore::row).list();
    }

    List<Subscription> ofChannel(String channel) {
        return jdbc.sql("select " + COLUMNS + " from crosspost.subscriptions where channel = ? order by created_at, id")
                .param(channel).query(SubscriptionStore::row).list();
    }

    boolean delete(String id) {
        return jdbc.sql("delete from crosspost.subscriptions where id = ?").param(id).update() > 0;
    }

    static Subscription row(ResultSet rs, int n) throws SQLException {
        return new Subscription(rs.getString("id"), rs.getString("member_id"), rs.getString("channel"),
                Subscription.Method.parse(rs.getString("method")), Subscription.Interval.parse(rs.getString("frequency")),
                rs.getTimestamp("created_at").toInstant());
    }
}

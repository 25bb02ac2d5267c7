package dev.crosspost.shoutbox;

import java.util.Optional;
import java.util.function.Function;

import dev.crosspost.cluster.ClusterNotifications;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Brings every new shout to the browsers of every Crosspost node: the transaction that stores a shout also
 * publishes its id on {@code crosspost_shouts} ({@link ClusterNotifications}: a PostgreSQL NOTIFY, delivered to
 * every node only if the transaction commits), and each node pushes what it hears to its live streams. On the
 * embedded H2 database (one node) the shout is pushed after commit. A deleted shout goes the same way
 * ({@code deleted <shoutbox> <id>}), so it vanishes from every open page.
 * <p>
 * A new shout is announced as {@code <shoutbox> <id>}: a node reads the shout back only when one of its browsers
 * watches that shoutbox, not for every shout of every box (one query per shout on the single thread that hears the
 * notifications, measured as one of the costs per shout: src/bench/README.md). A bare {@code <id>} (a node of an
 * earlier version) is read back as before.
 */
@Component
class ShoutFanout {

    static final String CHANNEL = "crosspost_shouts";
    private static final String DELETED = "deleted ";

    private final ClusterNotifications notifications;

    ShoutFanout(ClusterNotifications notifications, ShoutStore store, ShoutStream stream) {
        this.notifications = notifications;
        notifications.listen(CHANNEL, payload -> heard(payload, stream, store::find));
    }

    /** What a node does with a notification: {@code find} reads a shout back by its id. */
    static void heard(String payload, ShoutStream stream, Function<String, Optional<Shout>> find) {
        if (payload.startsWith(DELETED)) {
            String[] boxAndId = payload.substring(DELETED.length()).split(" ", 2);
            stream.pushDeleted(boxAndId[0], boxAndId[1]);
            return;
        }
        int space = payload.indexOf(' ');
        if (space < 0) {
            find.apply(payload).ifPresent(stream::push); // an earlier version's notice: the id alone
        } else if (stream.watched(payload.substring(0, space))) {
            find.apply(payload.substring(space + 1)).ifPresent(stream::push);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutboxService.ShoutAdded event) {
        notifications.publish(CHANNEL, event.shout().shoutbox() + " " + event.shout().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutRemoval.ShoutDeleted event) {
        notifications.publish(CHANNEL, DELETED + event.shoutbox() + " " + event.id());
    }
}

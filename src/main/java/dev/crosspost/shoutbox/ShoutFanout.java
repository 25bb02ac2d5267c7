package dev.crosspost.shoutbox;

import dev.crosspost.cluster.ClusterNotifications;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Brings every new shout to the browsers of every Crosspost node: the transaction that stores a shout also
 * publishes its id on {@code crosspost_shouts} ({@link ClusterNotifications}: a PostgreSQL NOTIFY, delivered to
 * every node only if the transaction commits), and each node pushes what it hears to its live streams. On the
 * embedded H2 database (one node) the shout is pushed after commit. A deleted shout goes the same way
 * ({@code deleted <shoutbox> <id>}), so it vanishes from every open page, and so does an edited one
 * ({@code edited <id>}: each node reads the shout as committed and pushes it as {@code shout-edited}).
 */
@Component
class ShoutFanout {

    static final String CHANNEL = "crosspost_shouts";
    private static final String DELETED = "deleted ";
    private static final String EDITED = "edited ";

    private final ClusterNotifications notifications;

    ShoutFanout(ClusterNotifications notifications, ShoutStore store, ShoutStream stream) {
        this.notifications = notifications;
        notifications.listen(CHANNEL, payload -> {
            if (payload.startsWith(DELETED)) {
                String[] boxAndId = payload.substring(DELETED.length()).split(" ", 2);
                stream.pushDeleted(boxAndId[0], boxAndId[1]);
            } else if (payload.startsWith(EDITED)) {
                store.find(payload.substring(EDITED.length())).ifPresent(stream::pushEdited);
            } else {
                store.find(payload).ifPresent(stream::push);
            }
        });
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutboxService.ShoutAdded event) {
        notifications.publish(CHANNEL, event.shout().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutRemoval.ShoutDeleted event) {
        notifications.publish(CHANNEL, DELETED + event.shoutbox() + " " + event.id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutboxService.ShoutEdited event) {
        notifications.publish(CHANNEL, EDITED + event.id());
    }
}

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
 * ({@code deleted <shoutbox> <id>}), so it vanishes from every open page, and so does an edited one
 * ({@code edited <shoutbox> <id>}: a node reads the shout as committed and pushes it as {@code shout-edited}).
 * <p>
 * A new shout is announced as {@code added <shoutbox> <id>}: a node reads a shout back only when one of its browsers
 * watches that shoutbox, not for every shout of every box (one query per shout on the single thread that hears the
 * notifications, measured as one of the costs per shout: src/bench/README.md). A bare {@code <id>} (a node of an
 * earlier version) is read back as before. The first word says what happened, so no team's name is mistaken for it.
 */
@Component
class ShoutFanout {

    static final String CHANNEL = "crosspost_shouts";
    private static final String ADDED = "added";
    private static final String DELETED = "deleted";
    private static final String EDITED = "edited";

    private final ClusterNotifications notifications;

    ShoutFanout(ClusterNotifications notifications, ShoutStore store, ShoutStream stream) {
        this.notifications = notifications;
        notifications.listen(CHANNEL, payload -> heard(payload, stream, store::find));
    }

    /** What a node does with a notification: {@code find} reads a shout back by its id. */
    static void heard(String payload, ShoutStream stream, Function<String, Optional<Shout>> find) {
        String[] words = payload.split(" ", 3);
        if (words.length == 1) {
            find.apply(payload).ifPresent(stream::push); // an earlier version's notice: the id alone
            return;
        }
        if (words.length < 3 || !stream.watched(words[1])) {
            return;
        }
        switch (words[0]) {
            case DELETED -> stream.pushDeleted(words[1], words[2]);
            case EDITED -> find.apply(words[2]).ifPresent(stream::pushEdited);
            case ADDED -> find.apply(words[2]).ifPresent(stream::push);
            default -> { } // a notice a later version added
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutboxService.ShoutAdded event) {
        notifications.publish(CHANNEL, ADDED + " " + event.shout().shoutbox() + " " + event.shout().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutRemoval.ShoutDeleted event) {
        notifications.publish(CHANNEL, DELETED + " " + event.shoutbox() + " " + event.id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(ShoutboxService.ShoutEdited event) {
        notifications.publish(CHANNEL, EDITED + " " + event.shoutbox() + " " + event.id());
    }
}

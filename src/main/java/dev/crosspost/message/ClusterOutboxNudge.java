package dev.crosspost.message;

import dev.crosspost.cluster.ClusterNotifications;
import org.springframework.stereotype.Component;

/** {@link OutboxNudge} through the cluster's notifications: every node's dispatcher, this one's included, polls. */
@Component
class ClusterOutboxNudge implements OutboxNudge {

    static final String CHANNEL = "crosspost_outbox";

    private final ClusterNotifications notifications;

    ClusterOutboxNudge(ClusterNotifications notifications, OutboxDispatcher dispatcher) {
        this.notifications = notifications;
        notifications.listen(CHANNEL, payload -> dispatcher.pollSoon());
    }

    @Override
    public void handedBack() {
        notifications.publish(CHANNEL, "handed-back");
    }
}

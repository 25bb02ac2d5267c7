package dev.crosspost.cluster;

import java.util.function.Consumer;

import dev.crosspost.message.outbox.OutboxNudge;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@link OutboxNudge} through the cluster's notifications: every node's dispatcher, this one's included, polls. */
@Component
class ClusterOutboxNudge implements OutboxNudge {

    static final String CHANNEL = "crosspost_outbox";

    private final ClusterNotifications notifications;

    ClusterOutboxNudge(ClusterNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void listen(Consumer<String> dispatcher) {
        notifications.listen(CHANNEL, dispatcher::accept);
    }

    @Override
    public void unheld(String kind) {
        // one NOTIFY per transaction and kind (PostgreSQL would fold equal ones anyway, after a round trip each)
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            String key = CHANNEL + ":" + kind;
            if (TransactionSynchronizationManager.hasResource(key)) {
                return;
            }
            TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        notifications.publish(CHANNEL, kind);
    }
}

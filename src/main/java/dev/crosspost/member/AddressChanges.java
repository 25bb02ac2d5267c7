package dev.crosspost.member;

import dev.crosspost.cluster.ClusterNotifications;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells every node that a member's XMPP address changed ({@link XmppAddressChanged}, as a Spring event on each):
 * the change may be made on any node, but only the node that holds the chat bot can ask the new address for its
 * presence.
 */
@Component
class AddressChanges {

    static final String CHANNEL = "crosspost_xmpp_address";

    private final ClusterNotifications notifications;

    AddressChanges(ClusterNotifications notifications, ApplicationEventPublisher events) {
        this.notifications = notifications;
        notifications.listen(CHANNEL, payload -> {
            int cut = payload.indexOf('\n');
            if (cut > 0) {
                events.publishEvent(new XmppAddressChanged(payload.substring(0, cut), payload.substring(cut + 1)));
            }
        });
    }

    void changed(String memberId, String xmpp) {
        notifications.publish(CHANNEL, memberId + "\n" + xmpp);
    }
}

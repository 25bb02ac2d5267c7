package dev.crosspost.xmpp;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health {@code xmpp}: connected, and in which rooms the bot is. Unknown when XMPP is switched off. */
@Component("xmpp")
class XmppHealthIndicator implements HealthIndicator {

    private final XmppProperties properties;
    private final XmppConnection connection;

    XmppHealthIndicator(XmppProperties properties, XmppConnection connection) {
        this.properties = properties;
        this.connection = connection;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        var rooms = connection.roomStates();
        Health.Builder health = connection.connected() && !rooms.containsValue(false) ? Health.up() : Health.down();
        health.withDetail("account", properties.botJid()).withDetail("connected", connection.connected())
                .withDetail("rooms", rooms);
        if (!connection.connected() && connection.lastProblem() != null) {
            health.withDetail("problem", connection.lastProblem());
        }
        return health.build();
    }
}

package dev.crosspost.xmpp;

import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.RoomIdentity;
import dev.crosspost.xmpp.room.RoomJoiner;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code xmpp}: connected, in which rooms the bot is, and which of them hide real JIDs from it (every line
 * there counts as a guest's). Unknown when XMPP is switched off.
 */
@Component("xmpp")
class XmppHealthIndicator implements HealthIndicator {

    private final XmppProperties properties;
    private final XmppConnection connection;
    private final RoomJoiner rooms;
    private final RoomIdentity identity;

    XmppHealthIndicator(XmppProperties properties, XmppConnection connection, RoomJoiner rooms,
                        RoomIdentity identity) {
        this.properties = properties;
        this.connection = connection;
        this.rooms = rooms;
        this.identity = identity;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        var states = rooms.states();
        Health.Builder health = connection.connected() && !states.containsValue(false) ? Health.up() : Health.down();
        health.withDetail("account", properties.botJid()).withDetail("connected", connection.connected())
                .withDetail("rooms", states);
        var hiding = identity.hidingRealJids();
        if (!hiding.isEmpty()) {
            health.withDetail("roomsHidingRealJids", hiding)
                    .withDetail("problem", "rooms hide real JIDs from the bot: every line there counts as a guest's");
        }
        if (!connection.connected() && connection.lastProblem() != null) {
            health.withDetail("problem", connection.lastProblem());
        }
        return health.build();
    }
}

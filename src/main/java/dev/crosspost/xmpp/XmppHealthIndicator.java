package dev.crosspost.xmpp;

import dev.crosspost.cluster.Leadership;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.RoomIdentity;
import dev.crosspost.xmpp.room.Rooms;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code xmpp}: on the node that holds the bot, connected, in which rooms, and which of them hide real JIDs
 * from it (every line there counts as a guest's); on a standby node UP, with the node that holds it. Unknown when
 * XMPP is switched off.
 */
@Component("xmpp")
class XmppHealthIndicator implements HealthIndicator {

    private final XmppProperties properties;
    private final XmppConnection connection;
    private final Rooms rooms;
    private final RoomIdentity identity;
    private final Leadership leadership;

    XmppHealthIndicator(XmppProperties properties, XmppConnection connection, Rooms rooms,
                        RoomIdentity identity, Leadership leadership) {
        this.properties = properties;
        this.leadership = leadership;
        this.connection = connection;
        this.rooms = rooms;
        this.identity = identity;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        if (!leadership.leads()) {
            var status = leadership.status();
            return Health.up().withDetail("account", properties.botJid()).withDetail("connected", false)
                    .withDetail("role", status.role().label())
                    .withDetail("heldBy", status.holder() == null ? "nobody right now" : status.holder()).build();
        }
        var states = rooms.states();
        Health.Builder health = connection.connected() && !states.containsValue(false) ? Health.up() : Health.down();
        health.withDetail("account", properties.botJid()).withDetail("connected", connection.connected())
                .withDetail("role", Leadership.Role.LEADER.label())
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

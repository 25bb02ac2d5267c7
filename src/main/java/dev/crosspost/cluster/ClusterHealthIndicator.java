package dev.crosspost.cluster;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health {@code cluster}: this node's name and role, and which node holds the chat bot. Always UP. */
@Component("cluster")
class ClusterHealthIndicator implements HealthIndicator {

    private final Leadership leadership;

    ClusterHealthIndicator(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public Health health() {
        var s = leadership.status();
        return Health.up().withDetail("node", s.node()).withDetail("role", s.role().label())
                .withDetail("botHolder", s.holder() == null ? "nobody right now" : s.holder())
                .withDetail("since", s.since().toString()).withDetail("failovers", s.failovers()).build();
    }
}

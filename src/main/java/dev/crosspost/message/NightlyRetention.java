package dev.crosspost.message;

import java.time.Instant;
import java.util.List;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs every {@link Retention} at its time, when its setting is there; without it, its rows are kept. */
@Component
class NightlyRetention implements SchedulingConfigurer {

    private final List<Retention> retentions;

    NightlyRetention(List<Retention> retentions) {
        this.retentions = retentions;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        for (Retention r : retentions) {
            tasks.addCronTask(() -> {
                if (r.keep() != null) {
                    r.expire(r.keep(), Instant.now());
                }
            }, r.cron());
        }
    }
}

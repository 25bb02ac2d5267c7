package dev.crosspost.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.crosspost.message.outbox.OutboxFigures;
import dev.crosspost.message.outbox.TargetFigures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox per target channel for Prometheus: {@code crosspost_outbox_pending}, {@code _retrying}, {@code _failed}
 * and {@code crosspost_outbox_oldest_pending_seconds}, each tagged {@code channel}. Refreshed every few seconds from
 * {@link OutboxFigures}; a channel with nothing pending or failed drops out.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private final OutboxFigures figures;
    private MultiGauge pending;
    private MultiGauge retrying;
    private MultiGauge failed;
    private MultiGauge oldest;

    OutboxMetrics(OutboxFigures figures) {
        this.figures = figures;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        pending = MultiGauge.builder("crosspost.outbox.pending").description("sends not done yet").register(registry);
        retrying = MultiGauge.builder("crosspost.outbox.retrying").description("pending sends that failed at least once")
                .register(registry);
        failed = MultiGauge.builder("crosspost.outbox.failed").description("sends given up on (see Cockpit's incidents)")
                .register(registry);
        oldest = MultiGauge.builder("crosspost.outbox.oldest.pending").baseUnit("seconds")
                .description("age of the oldest pending send").register(registry);
        refresh();
    }

    @Scheduled(fixedDelayString = "${crosspost.outbox.stats-cache:5s}", initialDelayString = "5s")
    void refresh() {
        if (pending == null) {
            return;
        }
        List<TargetFigures> all;
        try {
            all = figures.byTarget();
        } catch (RuntimeException databaseDown) {
            return; // keep the last values; the outbox logs the outage
        }
        Instant now = figures.readAt();
        register(pending, all, f -> f.pending());
        register(retrying, all, f -> f.retrying());
        register(failed, all, f -> f.failed());
        register(oldest, all, f -> f.oldestPending() == null ? 0
                : Math.max(0, Duration.between(f.oldestPending(), now).toMillis() / 1000.0));
    }

    private static void register(MultiGauge gauge, List<TargetFigures> all, ToDoubleFunction<TargetFigures> value) {
        gauge.register(all.stream().map(f -> MultiGauge.Row.of(Tags.of("channel", f.target()), value.applyAsDouble(f)))
                .toList(), true);
    }
}

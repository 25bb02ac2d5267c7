package dev.crosspost.message.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The outbox's figures per target channel (pending, retrying, failed, oldest pending), read with one grouped query
 * and reused for {@code crosspost.outbox.stats-cache}, so that a Prometheus scrape and the channel page together
 * cost one query every few seconds.
 */
@Service
public class OutboxFigures {

    private record Snapshot(Instant at, List<TargetFigures> figures) {
    }

    private final OutboxStore store;
    private final OutboxProperties properties;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot last;

    OutboxFigures(OutboxStore store, OutboxProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** Targets with pending or failed sends; a target with none is not listed. */
    public List<TargetFigures> byTarget() {
        Snapshot s = last;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.at().plus(properties.statsCache()))) {
            s = new Snapshot(now, store.figures());
            last = s;
        }
        return s.figures();
    }

    /** When the figures were read. */
    public Instant readAt() {
        Snapshot s = last;
        return s == null ? clock.instant() : s.at();
    }
}

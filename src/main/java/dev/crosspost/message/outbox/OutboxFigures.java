package dev.crosspost.message.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * The outbox's read side for the admin pages, through its store: the channel overview and its Prometheus gauges
 * ({@code channels/}) and Cockpit's dashboard and Messages tab ({@code cockpit/}) read the same figures. The backlog
 * per target channel (pending, retrying, failed, oldest pending) is read with one grouped query and reused for
 * {@code crosspost.outbox.stats-cache}, so that a Prometheus scrape and the channel page together cost one query
 * every few seconds.
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

    /** The backlog: targets with pending or failed sends; a target with none is not listed. */
    public List<TargetFigures> byTarget() {
        Snapshot s = last;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.at().plus(properties.statsCache()))) {
            s = new Snapshot(now, store.figures());
            last = s;
        }
        return s.figures();
    }

    /** Sends marked SENT in the hour and in the day before the figures were read. */
    public record Sent(long lastHour, long lastDay) {
    }

    /** Sends marked SENT per inbound channel of their message, in the hour and the day before {@code now}. */
    public Map<String, Sent> sentByChannel(Instant now) {
        return store.sentSince(now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(1)));
    }

    /** The sends of these messages, in the order they were queued. */
    public List<OutboxEntry> sendsOf(Collection<String> messageIds) {
        return store.entriesOf(messageIds);
    }

    /** The newest sends to one target address ({@code webhook:mm}), newest first, at most {@code limit}. */
    public List<OutboxEntry> lastSendsTo(String target, int limit) {
        return store.lastEntriesTo(target, limit);
    }

    /**
     * Messages that came in on {@code channel} with a send in {@code status} (PENDING, FAILED) after at least
     * {@code minAttempts} failed attempts, newest send first, at most {@code limit}.
     */
    public List<String> messagesWith(String channel, String status, int minAttempts, int limit) {
        return store.messagesWith(channel, status, minAttempts, limit);
    }

    /** When the figures were read. */
    public Instant readAt() {
        Snapshot s = last;
        return s == null ? clock.instant() : s.at();
    }
}

package dev.crosspost.message.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.DeliveryFailures;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.util.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's rows through their ports: one {@link Lane} per target channel, rows handed over right after
 * their accepting commit, rows nobody holds (their node died, a node that does not send their kind wrote them or
 * handed them back) claimed every {@code poll-interval}, and at once when {@linkplain OutboxNudge nudged}. This node's
 * leases of the rows in its lanes are renewed every third of the lease (no others: a row whose commit answer was lost
 * never reached a lane, and is left to run out). What became of each attempt (sent, to be retried,
 * failed) is {@link SendBookkeeping}'s to record.
 */
@Component
class OutboxDispatcher implements SmartLifecycle, Lane.Owner {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration DRAIN_ON_STOP = Duration.ofSeconds(5);
    /** The least time between two polls woken by {@link #pollSoon}. */
    static final Duration NUDGE_GAP = Duration.ofMillis(20);

    private final String node = UUID.randomUUID().toString();
    private final OutboxStore store;
    private final NodeProcesses processes;
    private final Map<String, OutboundPort> ports;
    private final OutboxProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Backoff backoff;
    private final StoreWatch watch = new StoreWatch();
    private final SendBookkeeping bookkeeping;
    private final Map<ChannelAddress, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile long lastNudgedPoll = System.nanoTime();
    /** When the other nodes' processes were last looked at ({@link System#nanoTime()}); polls run one at a time. */
    private long lastNodesLook = System.nanoTime() - Duration.ofDays(1).toNanos();
    private final Object polling = new Object();
    private volatile boolean running;
    private ScheduledExecutorService timer;
    private ExecutorService checks;

    OutboxDispatcher(OutboxStore store, List<OutboundPort> ports, OutboxProperties properties,
                     @Lazy DeliveryFailures failures, TransactionTemplate tx, NodeProcesses processes) {
        this.store = store;
        this.processes = processes;
        this.ports = ports.stream().collect(Collectors.toUnmodifiableMap(OutboundPort::kind, Function.identity()));
        this.properties = properties;
        this.backoff = Backoff.between(properties.retryFirst(), properties.retryMax());
        this.bookkeeping = new SendBookkeeping(store, properties, failures, tx, watch, this::now,
                row -> {
                    OutboundPort port = this.ports.get(row.target().kind());
                    return port == null || !port.checksArrival();
                });
    }

    /** This node's id in {@code lease_owner}: random per start. */
    String node() {
        return node;
    }

    Duration lease() {
        return properties.lease();
    }

    /**
     * Rows this node wrote and holds, after their transaction committed: they go to their lanes at once (written
     * before the dispatcher started, they leave when it starts), behind any older row of their target that another
     * node wrote and this one has not claimed yet (a shout the other node accepted a moment before, whose nudge is on
     * its way). One at a time with the polls: a row a poll has claimed but not yet put in its lane is not "held
     * elsewhere" any more, and must not be overtaken either.
     */
    void handOver(List<OutboxRow> rows) {
        synchronized (polling) {
            enqueue(rows, false);
        }
    }

    private void enqueue(Collection<OutboxRow> rows, boolean checkFirst) {
        Map<ChannelAddress, List<OutboxRow>> byTarget = new LinkedHashMap<>();
        rows.forEach(r -> byTarget.computeIfAbsent(r.target(), t -> new ArrayList<>()).add(r));
        byTarget.forEach((target, targetRows) -> {
            OutboundPort port = ports.get(target.kind());
            // Order across nodes is owed only where one node at a time sends (the chat bot's): mail and SMS lanes
            // never wait for another node's rows (waiting, two nodes mailing one subscriber took turns, one mail per
            // poll each).
            boolean ordered = port.oneSenderAtATime();
            boolean[] created = {false};
            boolean[] waiting = {false};
            Lane lane = lanes.compute(target, (t, existing) -> {
                Lane l = existing;
                if (l == null) {
                    l = new Lane(port, this, bookkeeping, backoff, properties.giveUpAfter());
                    // Born waiting: rows of this target written before a crash may still be held by the dead node.
                    l.waitForOlder(ordered && !checkFirst);
                    created[0] = true;
                } else if (ordered && !checkFirst) {
                    // Rows this node wrote wait until it is known that no older row of the target is unheld.
                    waiting[0] = l.waitingForOlder();
                    l.holdFrom(targetRows.stream().mapToLong(OutboxRow::seq).min().orElseThrow());
                }
                // A claimed row that no node held before was never tried: nothing to check.
                l.add(targetRows, row -> checkFirst && row.heldBefore());
                return l;
            });
            // A new lane, and a lane that took rows over (the claim left out rows a dead node's lease still holds, and
            // rows written since by a node that does not send the kind): newer rows wait for those.
            if (!ordered) {
                lane.pump();
                return;
            }
            if (created[0] || checkFirst) {
                releaseUnlessOlderElsewhere(target, lane);
            } else if (!waiting[0]) { // a waiting lane waits on, for the poller to release it
                releaseUnlessOlderUnheld(target, lane);
            }
            lane.pump();
        });
    }

    /**
     * Lets a lane that was sending freely send on, up to the oldest row of its target that nobody holds: one written
     * by a node that does not send the kind (a shout the other node accepted), not claimed yet. Rows other live
     * nodes hold are theirs to send (mail, SMS: every node sends its own; no order across nodes).
     */
    private void releaseUnlessOlderUnheld(ChannelAddress target, Lane lane) {
        try {
            lane.sendOnlyBelow(store.oldestUnheld(target));
        } catch (RuntimeException e) {
            watch.failed("look for older sends", e); // the poller looks again
        }
    }

    /**
     * Lets a lane send the rows older than the oldest row of its target that another node holds (or none does):
     * all of them when there is none.
     */
    private void releaseUnlessOlderElsewhere(ChannelAddress target, Lane lane) {
        try {
            lane.sendOnlyBelow(store.oldestHeldElsewhere(target, node));
        } catch (RuntimeException e) {
            watch.failed("look for older sends", e); // the poller looks again
        }
    }

    @Override
    public CompletableFuture<Void> attempt(OutboundPort port, OutboxRow row) {
        return send(port, row).orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the port about each row, one after another on a check thread: a port that reads an archive reads it once
     * for all of them (the room's {@code RoomArchive} keeps what it read), from the oldest row's time on.
     */
    @Override
    public CompletableFuture<Set<Long>> check(OutboundPort port, List<OutboxRow> rows) {
        return CompletableFuture.supplyAsync(() -> arrivedOf(port, rows), checks)
                .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Set<Long> arrivedOf(OutboundPort port, List<OutboxRow> rows) {
        Set<Long> arrived = new HashSet<>();
        for (OutboxRow row : rows) {
            if (port.alreadyDelivered(row.target(), row.message(), row.createdAt())) {
                log.info("out {} message {} had arrived already; not sent again", row.target(), row.message().id());
                arrived.add(row.seq());
            }
        }
        return arrived;
    }

    /** Says the row's line, or corrects or takes back the line of the row it replaces. */
    private static CompletableFuture<Void> send(OutboundPort port, OutboxRow row) {
        try {
            return switch (row.action()) {
                case SAY -> port.send(row.target(), row.message());
                case CORRECT -> port.correct(row.target(), row.message(), row.replaces());
                case RETRACT -> port.retract(row.target(), row.message(), row.replaces());
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void resumeAt(Lane lane, Instant at) {
        if (timer == null || timer.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(now(), at).toMillis() + 1);
        timer.schedule(lane::resume, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public boolean running() {
        return running;
    }

    /** Marks the rows sent since the last flush SENT, in one UPDATE. */
    void flush() {
        bookkeeping.flush();
    }

    /**
     * Polls soon, besides the regular polls, when this node sends {@code kind}: a send of that kind nobody holds was
     * written or handed back ({@link OutboxNudge}). Nudges that come while one is waiting are one poll, and nudged
     * polls are at least {@link #NUDGE_GAP} apart: under load that is one claim for many sends.
     */
    void pollSoon(String kind) {
        OutboundPort port = ports.get(kind);
        ScheduledExecutorService t = timer;
        if ((port != null && !port.sendsHere()) || !running || t == null || t.isShutdown()
                || !nudged.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(0, lastNudgedPoll + NUDGE_GAP.toNanos() - System.nanoTime());
        t.schedule(() -> {
            nudged.set(false);
            lastNudgedPoll = System.nanoTime();
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("outbox: housekeeping failed: {}", e.toString());
            }
        }, wait, TimeUnit.NANOSECONDS);
    }

    /** Gives back rows of kinds this node no longer sends, forgets idle lanes, and takes over rows nobody holds. */
    void poll() {
        synchronized (polling) { // the regular polls and a nudged one, one at a time
            pollOnce();
        }
    }

    private void pollOnce() {
        for (Lane lane : lanes.values()) {
            List<Long> given = lane.giveBackIfNotSentHere();
            if (!given.isEmpty()) {
                bookkeeping.later(() -> store.release(node, given, now()));
                log.info("outbox: {} sends left for the node that sends their kind now", given.size());
            }
        }
        lanes.keySet().forEach(target -> lanes.computeIfPresent(target, (t, lane) -> lane.idle() ? null : lane));
        List<String> kinds = ports.values().stream().filter(p -> !p.local() && p.sendsHere()).map(OutboundPort::kind)
                .toList();
        try {
            letGoOfEndedNodes();
            Instant now = now();
            List<OutboxRow> claimed = store.claim(node, kinds, now, now.plus(properties.lease()),
                    properties.claimBatch());
            watch.answered();
            List<OutboxRow> fresh = claimed.stream().filter(r -> !bookkeeping.awaitsFlush(r.seq())).toList();
            if (!fresh.isEmpty()) {
                log.info("outbox: took over {} sends nobody held ({} of them held by a node before)", fresh.size(),
                        fresh.stream().filter(OutboxRow::heldBefore).count());
                enqueue(fresh, true);
            }
            lanes.forEach((target, lane) -> {
                if (lane.waitingForOlder()) {
                    releaseUnlessOlderElsewhere(target, lane);
                    lane.pump();
                }
            });
        } catch (RuntimeException e) {
            watch.failed("claim sends", e);
        }
    }

    /**
     * Lets go of the pending sends of every other node whose process has ended for sure ({@link NodeProcesses}: on this
     * machine, a restart after {@code kill -9} or a second node on the same host): they are taken over now, as a
     * cleanly stopped node's are, instead of when their lease runs out (up to {@code lease}, 30 s, after the kill).
     * They count as held before, so a port that can tell is asked first whether an earlier attempt arrived.
     */
    private void letGoOfEndedNodes() {
        long now = System.nanoTime();
        if (now - lastNodesLook < properties.pollInterval().toNanos()) {
            return; // a nudged poll soon after the last look (a standby's writes nudge up to 50 times a second)
        }
        lastNodesLook = now;
        store.otherNodes(node).forEach((other, process) -> {
            if (processes.ended(process)) {
                int let = store.release(other, now());
                store.forgetNode(other);
                log.info("outbox: node {} ({}) has ended on this machine: its {} pending sends are taken over now, "
                        + "not when their lease runs out", other, process, let);
            }
        });
    }

    /** Records which process this node is, for the other nodes on this machine; nothing where that is unknown. */
    private void recordNode() {
        processes.self().ifPresent(process -> store.saveNode(node, process, now()));
    }

    /**
     * Extends the leases of the rows this node has in its lanes or still to mark SENT, and of no other: a row this
     * node wrote whose commit answer was lost (the database link cut at that moment: the commit had happened, the
     * caller saw an error, the row never reached a lane) would otherwise be held for as long as the node lives, and
     * its target's newer rows would wait behind it on every node. Its lease runs out, and the node that sends its
     * kind claims it, asking the channel first whether it arrived.
     */
    private void renew() {
        try {
            Set<Long> held = new HashSet<>(bookkeeping.awaitingFlush());
            lanes.values().forEach(lane -> held.addAll(lane.held()));
            store.renew(node, now().plus(properties.lease()), held);
            recordNode();
            watch.answered();
        } catch (RuntimeException e) {
            watch.failed("renew leases", e);
        }
    }

    private void purge() {
        try {
            int gone = store.purge(now().minus(properties.keep()));
            if (gone > 0) {
                log.info("outbox: deleted {} sent rows older than {}", gone, properties.keep());
            }
            store.purgeNodes(now().minus(properties.keep()));
        } catch (RuntimeException e) {
            watch.failed("delete old rows", e);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        timer = Executors.newScheduledThreadPool(2, r -> daemon(r, "outbox-" + count.incrementAndGet()));
        checks = Executors.newFixedThreadPool(4, r -> daemon(r, "outbox-check-" + count.incrementAndGet()));
        bookkeeping.runOn(timer);
        running = true;
        try {
            recordNode();
        } catch (RuntimeException e) {
            watch.failed("record this node", e); // recorded with the first renewal that reaches the database
        }
        lanes.values().forEach(Lane::pump);
        every(this::flush, properties.flushInterval(), Duration.ZERO);
        every(this::poll, properties.pollInterval(), Duration.ZERO);
        every(this::renew, properties.lease().dividedBy(3), properties.lease().dividedBy(3));
        every(this::purge, Duration.ofHours(1), Duration.ofMinutes(1));
        log.info("outbox: node {} sends, lease {}", node, properties.lease());
    }

    private void every(Runnable task, Duration period, Duration initialDelay) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("outbox: housekeeping failed: {}", e.toString());
            }
        }, initialDelay.toMillis(), Math.max(1, period.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops sending, waits a little for sends on their way, marks what was sent, and lets go of the rest. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        long deadline = System.nanoTime() + DRAIN_ON_STOP.toNanos();
        while (lanes.values().stream().anyMatch(l -> l.inFlight() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        timer.shutdownNow();
        checks.shutdownNow();
        flush();
        try {
            store.release(node, now());
            store.forgetNode(node);
        } catch (RuntimeException e) {
            log.warn("outbox: could not release this node's sends; they are taken over when the lease ends: {}",
                    e.toString());
        }
        lanes.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server starts and before it stops, so that accepted messages find the dispatcher running. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}

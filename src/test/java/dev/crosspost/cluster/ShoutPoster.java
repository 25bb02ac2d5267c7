package dev.crosspost.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crosspost.support.Api;

/**
 * Posts a shout to {@code shoutbox:team} every 200 ms, to the nodes in turn (a round-robin load balancer), and
 * keeps the unique marker of every shout a node acknowledged (201).
 */
final class ShoutPoster implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shout-poster");
        t.setDaemon(true);
        return t;
    });
    private volatile List<ClusterNode> targets;

    ShoutPoster(List<ClusterNode> targets) {
        this.targets = List.copyOf(targets);
        timer.scheduleAtFixedRate(this::post, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Posts only to these nodes from now on (the balancer took a dead one out). */
    void retarget(List<ClusterNode> nodes) {
        targets = List.copyOf(nodes);
    }

    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void post() {
        int n = NEXT.incrementAndGet();
        List<ClusterNode> now = targets;
        ClusterNode node = now.get(n % now.size());
        String marker = String.format("shout-%05d.", n);
        try {
            var response = node.api().post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", marker + " via "
                    + node.name())), "Idempotency-Key", marker);
            if (response.status() == 201) {
                acknowledged.add(marker);
            }
        } catch (RuntimeException | AssertionError e) {
            // not acknowledged: the client would try again; this test only counts what was acknowledged
        }
    }
}

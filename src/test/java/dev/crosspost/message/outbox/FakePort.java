package dev.crosspost.message.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;

/**
 * A port for the outbox's tests: records every attempt; either confirms at once, or (held) leaves each send open
 * until the test completes it; can fail the next attempts, and knows which ids "arrived" earlier.
 */
class FakePort implements OutboundPort {

    private final String kind;
    private final int window;
    private final boolean held;
    volatile boolean sendsHere = true;
    /** Whether {@link #alreadyDelivered} can tell (as the room's archive can); {@code false}: as mail and SMS. */
    volatile boolean checksArrival = true;
    /** As the chat bot's kinds (those named {@code xmpp-...}): one node at a time sends; else every node does. */
    final boolean oneSender;
    final List<OutgoingMessage> attempts = new CopyOnWriteArrayList<>();
    final LinkedBlockingDeque<CompletableFuture<Void>> open = new LinkedBlockingDeque<>();
    final AtomicInteger failNext = new AtomicInteger();
    volatile RuntimeException failure = new IllegalStateException("server down");
    final Set<String> arrivedBefore = ConcurrentHashMap.newKeySet();
    final List<String> askedWhetherArrived = new CopyOnWriteArrayList<>();
    /** For each id asked about: the time the outbox said its attempts were made after. */
    final Map<String, Instant> askedSince = new ConcurrentHashMap<>();

    FakePort(String kind, int window, boolean held) {
        this.oneSender = kind.startsWith("xmpp-");
        this.kind = kind;
        this.window = window;
        this.held = held;
    }

    static FakePort confirming(String kind) {
        return new FakePort(kind, 1, false);
    }

    static FakePort held(String kind, int window) {
        return new FakePort(kind, window, true);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public boolean sendsHere() {
        return sendsHere;
    }

    @Override
    public CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
        attempts.add(message);
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(failure);
        }
        if (!held) {
            return CompletableFuture.completedFuture(null);
        }
        var future = new CompletableFuture<Void>();
        open.add(future);
        return future;
    }

    @Override
    public boolean oneSenderAtATime() {
        return oneSender;
    }

    @Override
    public boolean checksArrival() {
        return checksArrival;
    }

    @Override
    public boolean alreadyDelivered(ChannelAddress target, OutgoingMessage message, Instant since) {
        askedWhetherArrived.add(message.id());
        askedSince.put(message.id(), since);
        return arrivedBefore.contains(message.id());
    }

    List<String> texts() {
        return attempts.stream().map(OutgoingMessage::text).toList();
    }
}

package dev.crosspost.xmpp.room;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The origin-ids of the lines the bot said (to recognise its own lines when a room echoes them, across
 * reconnects), and the sends that wait for that echo as proof the room took the line.
 */
final class SentLines {

    private static final int REMEMBERED = 10_000;

    private final Set<String> sent = newest(REMEMBERED);
    private final Map<String, CompletableFuture<Void>> awaitingEcho = new ConcurrentHashMap<>();

    /** A set that keeps only the {@code max} origin-ids added last: remembered for a while, never without bound. */
    static Set<String> newest(int max) {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > max;
            }
        });
    }

    /** Remembers the origin-id before the line goes out; the returned future completes on its echo. */
    CompletableFuture<Void> sending(String originId) {
        synchronized (sent) {
            sent.add(originId);
        }
        return awaitingEcho.computeIfAbsent(originId, id -> new CompletableFuture<>());
    }

    void forget(String originId) {
        awaitingEcho.remove(originId);
    }

    /** Whether the bot said a line with this origin-id; completes whoever waits for its echo. */
    boolean isOwn(String originId) {
        if (originId == null) {
            return false;
        }
        CompletableFuture<Void> waiting = awaitingEcho.remove(originId);
        if (waiting != null) {
            waiting.complete(null);
        }
        synchronized (sent) {
            return sent.contains(originId);
        }
    }
}

package dev.crosspost.shoutbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.crosspost.member.Directory;
import dev.crosspost.refusal.TooMany;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live shouts over Server-Sent Events, to the browsers connected to this node. {@link ShoutFanout} decides
 * when a shout is pushed: only after the transaction that stored it commits, so a browser never shows a
 * shout that was rolled back. A member holds at most {@code crosspost.shoutbox.max-streams-per-member} streams
 * on a node, and a stream ends once its member may no longer read the shoutbox (checked with every keep-alive).
 * <p>
 * On shutdown every stream is ended first (this lifecycle stops before the web server's graceful shutdown),
 * so stopping the app does not wait for open browser tabs; the browsers reconnect to another node or later.
 */
@Component
class ShoutStream implements SmartLifecycle {

    private static final long TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    private record Listener(SseEmitter emitter, String memberId) {
    }

    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private final Directory directory;
    private final ShoutboxProperties properties;
    private volatile boolean running;

    ShoutStream(Directory directory, ShoutboxProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    SseEmitter open(String box, String memberId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        if (!running) {
            emitter.complete();
            return emitter;
        }
        List<Listener> boxListeners = listeners.computeIfAbsent(box, b -> new CopyOnWriteArrayList<>());
        Listener listener = new Listener(emitter, memberId);
        synchronized (this) {
            long open = listeners.values().stream().flatMap(List::stream).filter(l -> l.memberId().equals(memberId))
                    .count();
            if (open >= properties.maxStreamsPerMember()) {
                throw new TooMany("you already have " + open
                        + " live streams open: close one (a tab) first");
            }
            boxListeners.add(listener);
        }
        emitter.onCompletion(() -> boxListeners.remove(listener));
        emitter.onTimeout(() -> boxListeners.remove(listener));
        emitter.onError(e -> boxListeners.remove(listener));
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            boxListeners.remove(listener);
        }
        return emitter;
    }

    /** Whether a browser of this node watches the shoutbox (its new shouts are worth reading back). */
    boolean watched(String box) {
        return !listeners.getOrDefault(box, List.of()).isEmpty();
    }

    /** Sends a stored shout to every browser of this node that watches its shoutbox. */
    void push(Shout shout) {
        send(shout.shoutbox(), () -> SseEmitter.event().name("shout").id(shout.id()).data(shout));
    }

    /** Sends a shout whose text changed to every browser of this node that watches its shoutbox. */
    void pushEdited(Shout shout) {
        send(shout.shoutbox(), () -> SseEmitter.event().name("shout-edited").data(shout));
    }

    /** Tells every browser of this node that watches the shoutbox that a shout was deleted. */
    void pushDeleted(String box, String shoutId) {
        send(box, () -> SseEmitter.event().name("shout-deleted").data(Map.of("id", shoutId)));
    }

    /** A builder per browser: a built event cannot be sent twice. */
    private void send(String box, Supplier<SseEmitter.SseEventBuilder> event) {
        List<Listener> boxListeners = listeners.getOrDefault(box, List.of());
        for (Listener listener : boxListeners) {
            try {
                listener.emitter().send(event.get());
            } catch (IOException | IllegalStateException gone) {
                boxListeners.remove(listener);
            }
        }
    }

    /** Keeps idle connections open through proxies, finds browsers that went away, ends streams of members
     *  who lost access. */
    @Scheduled(fixedDelayString = "${crosspost.shoutbox.stream-check:20s}")
    void keepAlive() {
        listeners.forEach((box, boxListeners) -> boxListeners.forEach(listener -> {
            if (!mayRead(listener.memberId(), box)) {
                boxListeners.remove(listener);
                listener.emitter().complete();
                return;
            }
            try {
                listener.emitter().send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                boxListeners.remove(listener);
            }
        }));
    }

    private boolean mayRead(String memberId, String box) {
        return directory.member(memberId).map(m -> m.canAccessTeam(box)).orElse(false);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream, so the web server's graceful shutdown has no request left to wait for. */
    @Override
    public void stop() {
        running = false;
        listeners.values().forEach(boxListeners -> {
            boxListeners.forEach(listener -> listener.emitter().complete());
            boxListeners.clear();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}

package dev.crosspost.shoutbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live shouts over Server-Sent Events, to the browsers connected to this node. {@link ShoutFanout} decides
 * when a shout is pushed: only after the transaction that stored it commits, so a browser never shows a
 * shout that was rolled back.
 * <p>
 * On shutdown every stream is ended first (this lifecycle stops before the web server's graceful shutdown),
 * so stopping the app does not wait for open browser tabs; the browsers reconnect to another node or later.
 */
@Component
class ShoutStream implements SmartLifecycle {

    private static final long TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;

    SseEmitter open(String box) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        if (!running) {
            emitter.complete();
            return emitter;
        }
        List<SseEmitter> boxListeners = listeners.computeIfAbsent(box, b -> new CopyOnWriteArrayList<>());
        boxListeners.add(emitter);
        emitter.onCompletion(() -> boxListeners.remove(emitter));
        emitter.onTimeout(() -> boxListeners.remove(emitter));
        emitter.onError(e -> boxListeners.remove(emitter));
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            boxListeners.remove(emitter);
        }
        return emitter;
    }

    /** Sends a stored shout to every browser of this node that watches its shoutbox. */
    void push(Shout shout) {
        send(shout.shoutbox(), () -> SseEmitter.event().name("shout").id(shout.id()).data(shout));
    }

    /** Tells every browser of this node that watches the shoutbox that a shout was deleted. */
    void pushDeleted(String box, String shoutId) {
        send(box, () -> SseEmitter.event().name("shout-deleted").data(Map.of("id", shoutId)));
    }

    /** A builder per browser: a built event cannot be sent twice. */
    private void send(String box, Supplier<SseEmitter.SseEventBuilder> event) {
        List<SseEmitter> emitters = listeners.getOrDefault(box, List.of());
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(event.get());
            } catch (IOException | IllegalStateException gone) {
                emitters.remove(emitter);
            }
        }
    }

    /** Keeps idle connections open through proxies, and finds browsers that went away. */
    @Scheduled(fixedDelay = 20_000)
    void keepAlive() {
        listeners.forEach((box, emitters) -> emitters.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                emitters.remove(emitter);
            }
        }));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream, so the web server's graceful shutdown has no request left to wait for. */
    @Override
    public void stop() {
        running = false;
        listeners.values().forEach(emitters -> {
            emitters.forEach(SseEmitter::complete);
            emitters.clear();
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

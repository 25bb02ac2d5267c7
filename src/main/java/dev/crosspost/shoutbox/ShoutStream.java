package dev.crosspost.shoutbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live shouts over Server-Sent Events, to the browsers connected to this node. {@link ShoutFanout} decides
 * when a shout is pushed: only after the transaction that stored it commits, so a browser never shows a
 * shout that was rolled back.
 */
@Component
class ShoutStream {

    private static final long TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();

    SseEmitter open(String box) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
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
        for (SseEmitter emitter : listeners.getOrDefault(shout.shoutbox(), List.of())) {
            try {
                emitter.send(SseEmitter.event().name("shout").id(shout.id()).data(shout));
            } catch (IOException | IllegalStateException gone) {
                listeners.get(shout.shoutbox()).remove(emitter);
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
}

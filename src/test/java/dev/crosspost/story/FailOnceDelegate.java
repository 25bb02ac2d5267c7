package dev.crosspost.story;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crosspost.message.ChannelOutage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Test only (src/test/java, picked up by the ITs' component scan): throws on its first run for each message,
 * so the job it runs in is rolled back and retried by the engine. Used by test queue {@code it-store-as-story}.
 */
@Component("failOnce")
class FailOnceDelegate implements JavaDelegate {

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
        String messageId = String.valueOf(execution.getVariable("messageId"));
        if (runs.computeIfAbsent(messageId, m -> new AtomicInteger()).incrementAndGet() == 1) {
            // an outage, as a real send would report it: retried by the engine
            throw new ChannelOutage("forced failure after saving the story (test)");
        }
    }

    int runs(String messageId) {
        AtomicInteger n = runs.get(messageId);
        return n == null ? 0 : n.get();
    }
}

package dev.crosspost.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A shoutbox's live stream as an API client reads it: the {@code data:} lines of the events named "shout". */
public final class EventStream implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final InputStream body;

    public EventStream(Api api, String path) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                api.request(path).setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        body = response.body();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "shout".equals(event)) {
                        events.add(line.substring(5));
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream, or the node went away
            }
        });
        reader.setDaemon(true);
        reader.start();
        // the stream is registered before the first event is sent; wait for the "connected" comment to pass
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    }

    public List<String> events() {
        return events;
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}

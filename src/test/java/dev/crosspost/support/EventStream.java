package dev.crosspost.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A shoutbox's live stream as an API client reads it: the {@code data:} lines of the events named "shout"
 * ({@link #events()}), and of every named event ({@link #events(String)}).
 */
public final class EventStream implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String[]> named = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
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
                    if (line.startsWith(":")) {
                        connected.countDown(); // the server's first comment: the stream is registered
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event != null) {
                        named.add(new String[] {event, line.substring(5)});
                        if ("shout".equals(event)) {
                            events.add(line.substring(5));
                        }
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
        // the stream is registered before the server says "connected": events from now on reach it
        assertThat(connected.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the stream said connected").isTrue();
    }

    public List<String> events() {
        return events;
    }

    /** The {@code data:} of the events named {@code name}, in the order they came. */
    public List<String> events(String name) {
        return named.stream().filter(e -> e[0].equals(name)).map(e -> e[1]).toList();
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}

package dev.crosspost.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/** Calls to Crosspost as the admin (HTTP Basic): health, heap, Camunda's job count. */
final class AdminHttp {

    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final HttpClient client;
    private final URI base;
    private final String authorization;

    AdminHttp(HttpClient client, URI base, String user, String password) {
        this.client = client;
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI base() {
        return base;
    }

    String authorization() {
        return authorization;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Any call as this user: {@code body} JSON or {@code null}; at most {@code timeout}. */
    HttpResponse<String> send(String method, String path, String body, Duration timeout)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The health document as the admin sees it (with its components), or {@code null} while the app does not answer. */
    String health() {
        return bodyOrNull("/actuator/health");
    }

    /**
     * The HTTP status of the health endpoint as anyone sees it (200 UP, 503 not yet), or -1 while nothing answers.
     * The harness asks this way until the app is up: the web server answers before the app has created its admin
     * user, and a Basic login refused then would hold the admin's next logins back for a while (Camunda's login
     * throttling).
     */
    int publicHealthStatus() {
        try {
            var request = HttpRequest.newBuilder(base.resolve("/actuator/health")).timeout(Duration.ofSeconds(30))
                    .GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a 200 answer to GET {@code path}, or {@code null} for any other answer or none. */
    private String bodyOrNull(String path) {
        try {
            var r = get(path);
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Heap in use, in MB, from the Prometheus endpoint the shipped configuration exposes ({@code /actuator/metrics}
     * is not exposed); -1 when unavailable.
     */
    double heapMb() {
        try {
            String text = prometheus();
            if (text == null) {
                return -1;
            }
            var m = HEAP.matcher(text);
            double bytes = 0;
            boolean any = false;
            while (m.find()) {
                bytes += Double.parseDouble(m.group(1));
                any = true;
            }
            return any ? Math.round(bytes / 1024 / 1024 * 10) / 10.0 : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The Prometheus scrape, or {@code null} when unavailable. */
    String prometheus() {
        return bodyOrNull("/actuator/prometheus");
    }

    /** Camunda's jobs waiting or running (the backlog of asynchronous steps); -1 when unavailable. */
    long jobCount() {
        try {
            var r = get("/engine-rest/job/count");
            var m = COUNT.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

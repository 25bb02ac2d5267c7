package dev.crosspost.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * {@code docker/nginx/crosspost.conf}, the load balancer of the compose setup, checked by nginx itself
 * ({@code nginx -t}, Debian's nginx 1.22; {@code src/test/env/run-tests.sh} installs {@code nginx-light}) and
 * against the app and the compose file it serves.
 * <p>
 * The file uses {@code server ... resolve} in its upstream, which nginx understands from 1.27.3 on (the image
 * compose runs). An older nginx refuses the parameter, and would look up the Docker service name while loading.
 * For such an nginx the check replaces {@code <service>:<port> resolve} by {@code 127.0.0.1:<port>} and tests the
 * rest as is; what {@code resolve} needs (a {@code zone} in its upstream, a {@code resolver}, an image that has it)
 * is checked from the text by {@link #resolveHasWhatItNeeds()}.
 */
class NginxConfigTest {

    static final Path CONF = Path.of("docker/nginx/crosspost.conf");
    private static final int[] RESOLVE_SINCE = {1, 27, 3};
    private static final Pattern RESOLVING_SERVER = Pattern.compile("(\\bserver\\s+)[A-Za-z0-9.-]+(:\\d+)\\s+resolve\\b");

    @Test
    void nginxAcceptsTheConfiguration(@TempDir Path dir) throws Exception {
        String nginx = nginx();
        String conf = Files.readString(CONF);
        String checked = atLeast(version(nginx), RESOLVE_SINCE) ? conf : withoutResolve(conf);
        var result = nginxT(nginx, dir, checked);
        assertThat(result.ok()).as("nginx -t of %s (%s):%n%s", CONF, version(nginx), result.output()).isTrue();
    }

    /** The check can fail: a misspelt directive, and the unchanged file for an nginx that predates resolve. */
    @Test
    void nginxRefusesABrokenCopy(@TempDir Path dir) throws Exception {
        String nginx = nginx();
        String conf = Files.readString(CONF);
        String misspelt = withoutResolve(conf).replaceFirst("proxy_pass ", "proxy_pas ");
        assertThat(nginxT(nginx, dir, misspelt).output()).contains("unknown directive \"proxy_pas\"");
        if (!atLeast(version(nginx), RESOLVE_SINCE)) {
            assertThat(nginxT(nginx, dir, conf).output()).contains("invalid parameter \"resolve\"");
        }
    }

    @Test
    void resolveHasWhatItNeeds() {
        var conf = NginxConf.parse(read(CONF));
        var upstreams = conf.get("upstream").stream()
                .filter(u -> u.get("server").stream().anyMatch(s -> s.args().contains("resolve"))).toList();
        assertThat(upstreams).as("upstreams that use resolve").isNotEmpty();
        // resolve keeps the addresses in the upstream's shared memory zone, and asks the resolver named at http level
        upstreams.forEach(u -> assertThat(u.get("zone")).as("zone in upstream %s", u.arg(0)).hasSize(1));
        assertThat(conf.get("resolver")).as("resolver").hasSize(1);
        assertThat(conf.get("resolver").get(0).arg(0)).as("Docker's DNS").isEqualTo("127.0.0.11");
        // the replacement for older nginx touches exactly the servers that resolve
        long resolving = upstreams.stream().flatMap(u -> u.get("server").stream())
                .filter(s -> s.args().contains("resolve")).count();
        assertThat(RESOLVING_SERVER.matcher(read(CONF)).results().count()).isEqualTo(resolving);
        // and the image compose runs has it
        String image = ComposeFile.tree().path("services").path("lb").path("image").asText();
        assertThat(image).startsWith("nginx:");
        assertThat(atLeast(image.substring("nginx:".length()).split("-")[0], RESOLVE_SINCE))
                .as("%s understands resolve (nginx >= 1.27.3)", image).isTrue();
    }

    /** Modeler's deployments (up to crosspost.web.max-engine-body-size) must get through nginx to the app. */
    @Test
    void nginxTakesEveryBodyTheAppTakes() throws IOException {
        JsonNode web = ComposeFile.YAML.readTree(Path.of("src/main/resources/application.yaml").toFile())
                .path("crosspost").path("web");
        Map<String, String> env = ComposeFile.environment(ComposeFile.tree(), "crosspost");
        long app = Math.max(
                DataSize.parse(env.getOrDefault("CROSSPOST_WEB_MAX_BODY_SIZE", web.path("max-body-size").asText("256KB"))).toBytes(),
                DataSize.parse(env.getOrDefault("CROSSPOST_WEB_MAX_ENGINE_BODY_SIZE",
                        web.path("max-engine-body-size").asText("10MB"))).toBytes());
        var sizes = NginxConf.parse(read(CONF)).all().filter(d -> d.name().equals("client_max_body_size")).toList();
        assertThat(sizes).as("client_max_body_size (nginx's default is 1m)").isNotEmpty();
        sizes.forEach(s -> assertThat(nginxSize(s.arg(0))).as("client_max_body_size %s", s.arg(0))
                .matches(n -> n == 0 || n >= app, "0 (no limit) or at least the app's " + app + " bytes"));
    }

    /** The nodes take the client's address from X-Forwarded-For: nginx must set it, and from what it saw. */
    @Test
    void theNodesGetTheAddressNginxSaw() {
        var proxied = NginxConf.parse(read(CONF)).all()
                .filter(d -> d.name().equals("location") && !d.get("proxy_pass").isEmpty()).toList();
        assertThat(proxied).isNotEmpty();
        proxied.forEach(location -> assertThat(location.get("proxy_set_header").stream()
                .filter(h -> h.arg(0).equalsIgnoreCase("X-Forwarded-For")).map(h -> h.arg(1)).toList())
                .as("X-Forwarded-For in location %s", location.args())
                .containsExactly("$remote_addr")); // not $proxy_add_x_forwarded_for: that passes on what the client sent
        assertThat(ComposeFile.environment(ComposeFile.tree(), "crosspost"))
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
    }

    static String withoutResolve(String conf) {
        Matcher m = RESOLVING_SERVER.matcher(conf);
        assertThat(m.find()).as("a server ... resolve line").isTrue();
        return m.replaceAll("$1127.0.0.1$2");
    }

    private record Result(boolean ok, String output) {
    }

    /** {@code nginx -t} of {@code conf} as compose mounts it: into the http block of nginx's main file. */
    private static Result nginxT(String nginx, Path dir, String conf) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("crosspost.conf"), conf);
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log stderr notice;",
                "events {}",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  include " + dir.resolve("crosspost.conf") + ";",
                "}", ""));
        Process p = new ProcessBuilder(nginx, "-t", "-q", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", "stderr").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("nginx -t did not finish in 30 s");
        }
        return new Result(p.exitValue() == 0, output);
    }

    /**
     * The nginx to check with. Missing, the test is skipped, unless the test command ran (it installs nginx and
     * sets {@code CROSSPOST_TEST_REQUIRE_NGINX=1}): then a missing nginx is a failure.
     */
    private static String nginx() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        var found = Arrays.stream(path.split(File.pathSeparator)).map(d -> Path.of(d, "nginx"))
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String why = "nginx is not installed (Debian: apt-get install nginx-light; src/test/env/run-tests.sh installs it)";
            if ("1".equals(System.getenv("CROSSPOST_TEST_REQUIRE_NGINX"))) {
                fail(why);
            }
            Assumptions.abort(why + ": docker/nginx/crosspost.conf not checked");
        }
        return found.get().toString();
    }

    private static String version(String nginx) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(nginx, "-v").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("nginx/(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(out);
        assertThat(m.find()).as("nginx -v: %s", out).isTrue();
        return m.group(1);
    }

    /** Whether version {@code v} ("1.28", "1.22.1") is at least {@code min}; a missing part counts as 0. */
    static boolean atLeast(String v, int[] min) {
        int[] parts = Arrays.stream(v.split("\\.")).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < min.length; i++) {
            int part = i < parts.length ? parts[i] : 0;
            if (part != min[i]) {
                return part > min[i];
            }
        }
        return true;
    }

    private static long nginxSize(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

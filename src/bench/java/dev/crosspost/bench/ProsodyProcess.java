package dev.crosspost.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Prosody of the benchmark's own: the repository's test config on a free loopback port, with the bot and the
 * harness's two users. The harness's users are exempt from {@code mod_limits} like the bot, so what is measured
 * is Crosspost and the room, not the per-user throttle (about 20-30 lines/s) of an ordinary account.
 */
final class ProsodyProcess implements AutoCloseable {

    static final String DOMAIN = "localhost";
    static final String TEAM_ROOM = "team@conference.localhost";
    static final String BOT = "bot";
    static final String LISTENER = "benchlistener";
    static final String SPEAKER = "benchspeaker";
    private static final Path TEMPLATE = Path.of("src/test/env/prosody/prosody.cfg.lua.template");
    private static final String EXEMPT = "unlimited_jids = { \"bot@localhost\" }";

    private final Path dir;
    private final int port;
    private final Process process;

    private ProsodyProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static ProsodyProcess start(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        int port = freePort();
        String template = Files.readString(TEMPLATE);
        if (!template.contains(EXEMPT)) {
            throw new IllegalStateException(TEMPLATE + " no longer has the line '" + EXEMPT + "'; update ProsodyProcess");
        }
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, template
                .replace(EXEMPT, "unlimited_jids = { \"bot@localhost\", \"" + LISTENER + "@localhost\", \""
                        + SPEAKER + "@localhost\" }")
                .replace("@PORT@", String.valueOf(port))
                .replace("@DATA@", dir.resolve("data").toString())
                .replace("@PID@", dir.resolve("prosody.pid").toString())
                .replace("@LOG@", dir.resolve("prosody.log").toString()));
        for (String user : new String[] {BOT, LISTENER, SPEAKER}) {
            register(config, user);
        }
        Process process = new ProcessBuilder("prosody", "-F", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        var prosody = new ProsodyProcess(dir, port, process);
        Instant deadline = Instant.now().plusSeconds(20);
        while (!prosody.accepting()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                prosody.close();
                throw new IllegalStateException("prosody did not start on port " + port + "; see " + dir);
            }
            LockSupport.parkNanos(50_000_000L);
        }
        return prosody;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String botPassword() {
        return password(BOT);
    }

    static String password(String user) {
        return user + "-bench-secret";
    }

    private static void register(Path config, String user) throws IOException {
        var p = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", user, DOMAIN, password(user))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("prosodyctl register " + user + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM to the server's PID, SIGKILL after 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

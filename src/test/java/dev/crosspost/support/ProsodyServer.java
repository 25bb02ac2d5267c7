package dev.crosspost.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Prosody for the tests: the repository's test config ({@code src/test/env/prosody/prosody.cfg.lua.template})
 * on a free loopback port in a temporary directory, with the bot and some people registered. Stopped at JVM exit.
 * {@link #stop()} and {@link #start()} simulate an outage (accounts survive; rooms, like on a real restart, do not).
 */
public final class ProsodyServer implements AutoCloseable {

    public static final String DOMAIN = "localhost";
    public static final String MUC = "conference.localhost";
    public static final String BOT = "bot";
    public static final String BOT_PASSWORD = "bot-secret";
    /** The people the tests log in as; each has the password {@code <name>-secret}. */
    public static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
            "heidi", "ivan", "judy", "stranger");

    private static final Path TEMPLATE = Path.of("src/test/env/prosody/prosody.cfg.lua.template");

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private ProsodyServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.config = dir.resolve("prosody.cfg.lua");
    }

    /** Writes the config, registers the users and starts the server. */
    public static ProsodyServer startNew() {
        return startNew(UnaryOperator.identity());
    }

    /** A server whose config is the test config changed by {@code edit} (one without the room archive, say). */
    public static ProsodyServer startNew(UnaryOperator<String> edit) {
        return startNew(edit, List.of());
    }

    /** As {@link #startNew(UnaryOperator)}, with {@code morePeople} registered too (password {@code <name>-secret}). */
    public static ProsodyServer startNew(UnaryOperator<String> edit, List<String> morePeople) {
        try {
            Path dir = Files.createTempDirectory("crosspost-prosody-");
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("certs"));
            var server = new ProsodyServer(dir, freePort());
            String cfg = Files.readString(TEMPLATE)
                    .replace("@PORT@", String.valueOf(server.port))
                    .replace("@DATA@", dir.resolve("data").toString())
                    .replace("@PID@", dir.resolve("prosody.pid").toString())
                    .replace("@LOG@", dir.resolve("prosody.log").toString());
            cfg = edit.apply(cfg);
            Files.writeString(server.config, cfg);
            if (cfg.contains("driver = \"SQLite3\"")) {
                walJournal(dir.resolve("data").resolve("prosody.sqlite"));
            }
            Map<String, String> users = new LinkedHashMap<>();
            users.put(BOT, BOT_PASSWORD);
            PEOPLE.forEach(p -> users.put(p, password(p)));
            morePeople.forEach(p -> users.put(p, password(p)));
            users.forEach(server::register);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "prosody-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the room archive's SQLite file in write-ahead-log mode (a setting the file keeps), as
     * {@code docker/prosody} does: Prosody commits every archived line on its own, and SQLite's default journal
     * syncs the disk several times per commit (measured here: ~150 commits/s, ~450 with the WAL). Through LuaDBI, the
     * driver Prosody's SQL storage uses itself.
     */
    private static void walJournal(Path database) {
        try {
            var lua = new ProcessBuilder("lua5.4", "-e", """
                    local db = assert(require("DBI").Connect("SQLite3", os.getenv("DATABASE")))
                    db:autocommit(true)
                    assert(assert(db:prepare("PRAGMA journal_mode=WAL")):execute())
                    db:close()""").redirectErrorStream(true);
            lua.environment().put("DATABASE", database.toString());
            Process p = lua.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cannot create " + database + " (is lua-dbi-sqlite3 installed?): " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The running server's process id (the benchmark measures its CPU); -1 while it is stopped. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** What the server logged so far (info and above). */
    public String log() {
        try {
            return readIfExists(dir.resolve("prosody.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static String jid(String person) {
        return person + "@" + DOMAIN;
    }

    public static String password(String person) {
        return person + "-secret";
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder("prosody", "-F", "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start prosody (is the Debian package 'prosody' installed?)", e);
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (!accepting()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("prosody did not start on port " + port + ": " + tail());
            }
            LockSupport.parkNanos(50_000_000L);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits until the port is closed. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void restart() {
        stop();
        start();
    }

    /** Stops the server; its directory goes at JVM exit. */
    @Override
    public void close() {
        stop();
    }

    private void shutdown() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private void register(String user, String password) {
        try {
            var p = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", user, DOMAIN, password)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("prosodyctl register " + user + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run prosodyctl (is the Debian package 'prosody' installed?)", e);
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

    private String tail() {
        try {
            return Files.readString(dir.resolve("stdout.log")) + readIfExists(dir.resolve("prosody.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A fresh, unused room address on the test server's MUC service. */
    public static String freshRoom() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8) + "@" + MUC;
    }
}

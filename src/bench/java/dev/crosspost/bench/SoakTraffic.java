package dev.crosspost.bench;

import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.crosspost.support.ProsodyServer;

/**
 * The soak's traffic and its ears. Shouts round robin over the nodes and the members (shout {@code i} to node
 * {@code i mod 2}); room lines said by a person in the team room (acknowledged when the room echoes them), which the
 * room queue puts on the team shoutbox; direct messages to the bot from a member (acknowledged when the chat server has
 * taken them), which the bot-direct queue puts on the team shoutbox; and what arrives: the team room's lines (a listener that joins again after
 * a chat server restart), the SMS gateway's requests. Arrivals are ids {@code <phase>:<seq>} in arrival order.
 */
final class SoakTraffic implements AutoCloseable {

    static final String BOT = ProsodyServer.BOT + "@" + ProsodyServer.DOMAIN;

    final Ledgers ledgers;
    final Ledger shouts;
    final Ledger room;
    final Ledger retries;
    final Ledger direct;
    /** The bot's answers to the person writing to it, in arrival order (its confirmations name no message). */
    final Queue<String> directReplies = new ConcurrentLinkedQueue<>();
    final Queue<String> roomArrivals = new ConcurrentLinkedQueue<>();
    final Queue<String[]> smsArrivals = new ConcurrentLinkedQueue<>();
    private final SoakWorld world;
    private final ShoutPoster poster;
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile RoomClient ears;
    private volatile RoomClient mouth;
    private volatile DirectClient writer;

    SoakTraffic(SoakWorld world, HttpClient client, String run, List<AdminHttp> shouters) {
        this.world = world;
        this.ledgers = new Ledgers(run);
        this.shouts = ledgers.open("shout");
        this.room = ledgers.open("room");
        this.retries = ledgers.open("retry");
        this.direct = ledgers.open("dm");
        this.poster = new ShoutPoster(client, shouters, "team");
        world.sms.addMockServiceRequestListener((request, response) -> sms(request.getBodyAsString(),
                request.getHeader(SMS_IDEMPOTENCY)));
    }

    /** Starts the ears, waits until they are in the room (else the first lines would count as lost), then sends. */
    void start(double shoutRate, double roomRate, double directRate) {
        thread("soak-ears", this::keepEars);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!earsUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the soak's listener could not join the team room");
            }
            LockSupport.parkNanos(100_000_000L);
        }
        thread("soak-shouts", () -> poster.post(ledgers, shouts, shoutRate, Long.MAX_VALUE, sending::get));
        if (roomRate > 0) {
            thread("soak-room", () -> speak(roomRate));
        }
        if (directRate > 0) {
            thread("soak-dm", () -> write(directRate));
        }
    }

    /** Stops sending (the ears go on) and waits for the calls still open. */
    void stopSending() {
        sending.set(false);
        poster.awaitAnswers(java.time.Duration.ofSeconds(120));
    }

    boolean earsUp() {
        var e = ears;
        return e != null && e.connected();
    }

    private void keepEars() {
        while (open.get()) {
            if (!earsUp()) {
                closeQuietly(ears);
                ears = join("soak-ears", BenchProsody.LISTENER, this::heard, (l, n) -> { });
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    private void heard(String line, long nanos) {
        Token.find(line).filter(t -> t.run().equals(ledgers.run())).ifPresent(t -> {
            if (!t.phase().equals("room")) {
                roomArrivals.add(t.phase() + ":" + t.seq());
                ledgers.heard(line, nanos);
            }
        });
    }

    private void speak(double perSecond) {
        OpenLoop.run(perSecond, Long.MAX_VALUE, sending::get, (seq, due) -> {
            room.due(seq, due, System.nanoTime());
            var m = mouth;
            if (m == null || !m.connected()) {
                closeQuietly(m);
                m = join("soak-mouth", BenchProsody.SPEAKER, (l, n) -> { }, this::echo);
                mouth = m;
            }
            try {
                if (m == null) {
                    throw new IllegalStateException("not in the room");
                }
                m.say("soak " + ledgers.token("room", seq));
            } catch (RuntimeException e) {
                room.answered(seq, -1, System.nanoTime());
            }
        });
    }

    /**
     * Direct messages to the bot from a member whose verified address the writer's account is; one is acknowledged
     * once the chat server has taken it ({@link DirectClient#send}). The bot-direct queue puts it on the member's
     * team shoutbox and confirms it to the writer.
     */
    private void write(double perSecond) {
        OpenLoop.run(perSecond, Long.MAX_VALUE, sending::get, (seq, due) -> {
            direct.due(seq, due, System.nanoTime());
            var w = writer;
            try {
                if (w == null || !w.connected()) {
                    closeQuietly(w);
                    writer = null;
                    w = DirectClient.connect(world.prosody.port(), BenchProsody.WRITER, BOT,
                            (line, n) -> directReplies.add(line));
                    writer = w;
                }
                w.send("soak " + ledgers.token("dm", seq));
                direct.answered(seq, 200, System.nanoTime());
            } catch (Exception e) {
                direct.answered(seq, -1, System.nanoTime()); // the chat server is down: not taken
            }
        });
    }

    private void echo(String line, long nanos) {
        Token.find(line).filter(t -> t.run().equals(ledgers.run()) && t.phase().equals("room"))
                .ifPresent(t -> room.answered(t.seq(), 200, nanos));
    }

    private RoomClient join(String nick, String user, java.util.function.BiConsumer<String, Long> onLine,
                            java.util.function.BiConsumer<String, Long> onOwn) {
        try {
            return RoomClient.join(world.prosody.port(), user, BenchProsody.TEAM_ROOM, nick, onLine, onOwn);
        } catch (Exception e) {
            return null; // the chat server is down: try again
        }
    }

    /**
     * The gateway's idempotency header, Twilio's: a request repeated with the same token is taken once, so the
     * subscriber gets one SMS (Crosspost repeats a send whose answer did not come, with the same token).
     */
    static final String SMS_IDEMPOTENCY = "I-Twilio-Idempotency-Token";

    /** {@code [to, id, idempotency token]} of each request to the SMS gateway, in arrival order. */
    private void sms(String form, String idempotencyToken) {
        String to = null, body = null;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (pair.substring(0, eq)) {
                case "To" -> to = value;
                case "Body" -> body = value;
                default -> { }
            }
        }
        var token = Token.find(body);
        if (to != null && token.isPresent() && token.get().run().equals(ledgers.run())) {
            smsArrivals.add(new String[] {to, token.get().phase() + ":" + token.get().seq(), idempotencyToken});
        }
    }

    private void thread(String name, Runnable task) {
        var t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a dead connection
            }
        }
    }

    @Override
    public void close() {
        sending.set(false);
        open.set(false);
        closeQuietly(ears);
        closeQuietly(mouth);
        closeQuietly(writer);
    }
}

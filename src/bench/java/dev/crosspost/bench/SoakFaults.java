package dev.crosspost.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Does one fault of the {@link FaultPlan} and measures the recovery: from the fault's start until one node holds the
 * bot with its session up again ({@code botBack}), and until no outbox row written before the fault ended is still
 * pending ({@code backlog}). Each at most {@link #RECOVERY}; -1 when it did not happen in that time.
 */
final class SoakFaults {

    static final Duration RECOVERY = Duration.ofSeconds(300);
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "soak-backlog-watch");
        t.setDaemon(true);
        return t;
    });

    /** What one fault did; seconds from the soak's start ({@code started}) or from the fault's start (the rest). */
    record Result(int index, double plannedSeconds, double startedSeconds, String kind, String what, String target,
                  String holderBefore, String holderAfter, double faultSeconds, double botBackSeconds,
                  double backlogSeconds, long acknowledgedDuring, String note) {
    }

    private final SoakWorld world;
    private final SoakTraffic traffic;
    private final long soakStart;
    private final String run;
    private int retries;

    SoakFaults(SoakWorld world, SoakTraffic traffic, long soakStartNanos, String run) {
        this.world = world;
        this.traffic = traffic;
        this.soakStart = soakStartNanos;
        this.run = run;
    }

    /**
     * Does the fault and waits for the bot to be back (the next fault needs a holder); the backlog is measured
     * beside what follows, and the result completes when it cleared (or {@link #RECOVERY} passed).
     */
    CompletableFuture<Result> run(FaultPlan.Fault f) throws Exception {
        int holder = holder();
        String before = holder < 0 ? "none" : world.nodes.name(holder);
        long start = System.nanoTime();
        Bench.log(String.format("fault %d at %.0f s: %s (bot held by %s)", f.index(), (start - soakStart) / 1e9,
                f.kind().what, before));
        String target;
        String note;
        switch (f.kind()) {
            case KILL -> {
                target = world.nodes.name(f.node());
                world.nodes.app(f.node()).kill();
                int starts = world.nodes.app(f.node()).restart();
                note = "restarted (" + starts + (starts == 1 ? " start" : " starts") + "), pid "
                        + world.nodes.app(f.node()).pid();
            }
            case POSTGRES_RESTART -> {
                target = world.options.pgData() == null ? "pg_ctlcluster 15 main" : world.options.pgData().toString();
                world.restartPostgres();
                note = "restarted";
            }
            case PROSODY_RESTART -> {
                target = "prosody";
                world.prosody.restart();
                note = "restarted on port " + world.prosody.port();
            }
            case DB_CUT -> {
                int h = awaitHolder();
                target = world.nodes.name(h);
                world.dbLinks.get(h).block();
                note = pause(h, 20);
                world.dbLinks.get(h).unblock();
            }
            case SIGSTOP -> {
                int h = awaitHolder();
                target = world.nodes.name(h);
                long pid = world.nodes.app(h).pid();
                long stopped = System.nanoTime();
                SoakWorld.signal(pid, "STOP");
                note = pause(h, 15);
                SoakWorld.signal(pid, "CONT");
                note += "; " + woke(h) + "; " + takenOver(h, stopped);
            }
            default -> {
                target = "delivery-failed";
                note = retryWhilePending();
            }
        }
        long over = System.nanoTime();
        Instant overAt = Instant.now();
        long bot = until(() -> {
            int h = holder(); // asked once: the holder may change between two asks
            return h >= 0 && world.nodes.app(h).xmppUp();
        });
        int after = holder();
        String holderAfter = after < 0 ? "none" : world.nodes.name(after);
        String what = note;
        // the backlog is watched beside the traffic and the next faults, which keep their times
        return CompletableFuture.supplyAsync(() -> {
            long backlog = until(() -> world.count("select count(*) from crosspost.outbox where status = 'PENDING' "
                    + "and created_at <= timestamp with time zone '" + overAt + "'") == 0);
            long recovered = Math.max(bot, backlog) < 0 ? System.nanoTime() : Math.max(bot, backlog);
            var r = new Result(f.index(), f.atSeconds(), (start - soakStart) / 1e9, f.kind().name(), f.kind().what,
                    target, before, holderAfter, (over - start) / 1e9, since(start, bot), since(start, backlog),
                    traffic.shouts.acceptedBetween(start, recovered) + traffic.room.acceptedBetween(start, recovered)
                            + traffic.direct.acceptedBetween(start, recovered),
                    what);
            Bench.log(String.format("  fault %d: over after %.1f s, bot back after %.1f s, backlog cleared after %.1f s;"
                    + " %s", f.index(), r.faultSeconds(), r.botBackSeconds(), r.backlogSeconds(), what));
            return r;
        }, WATCHERS);
    }

    private static double since(long start, long at) {
        return at < 0 ? -1 : Math.round((at - start) / 1e8) / 10.0;
    }

    /** Waits {@code seconds} while the holder {@code h} is cut off; says whether and when the other node took over. */
    private String pause(int h, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long took = -1;
        while (System.nanoTime() < end) {
            if (took < 0 && othersLead(h)) {
                took = System.nanoTime();
            }
            LockSupport.parkNanos(250_000_000L);
        }
        return took < 0 ? "no other node took the bot during the " + (int) seconds + " s"
                : String.format("the other node held the bot after %.1f s", (took - start) / 1e9);
    }

    private boolean othersLead(int h) {
        for (int i = 0; i < world.nodes.size(); i++) {
            if (i != h && "leader".equals(role(i))) {
                return world.nodes.app(i).xmppUp();
            }
        }
        return false;
    }

    /** After a pause: whether (and when, from the stop) another node held the bot with its session up, within 30 s. */
    private String takenOver(int h, long stopped) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!othersLead(h)) {
            if (System.nanoTime() > deadline) {
                return "no other node held the bot within 30 s of SIGCONT";
            }
            LockSupport.parkNanos(250_000_000L);
        }
        return String.format("another node held the bot %.1f s after the SIGSTOP", (System.nanoTime() - stopped) / 1e9);
    }

    /** After a pause: what the woken node says it is, within 30 s. */
    private String woke(int h) {
        long start = System.nanoTime();
        long deadline = start + 30_000_000_000L;
        String role = role(h);
        while (!"standby".equals(role) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(250_000_000L);
            role = role(h);
        }
        return String.format("the woken node said '%s' %.1f s after SIGCONT", role, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Cockpit's Retry while the row is pending: a room line whose retries ran out (a FAILED row, as the outbox leaves
     * it), two incidents for it (the outbox's and an older one's, both started on a node that does not hold the bot,
     * whose job fails: "Retry hands the send to that node"), then Retry on the first (the row is handed back: PENDING)
     * and at once on the second, while the row is still pending. The line must be said once.
     */
    private String retryWhilePending() throws Exception {
        int h = awaitHolder();
        int standby = h == 0 ? 1 : 0;
        AdminHttp api = world.nodes.app(standby).admin();
        long seq = retries++;
        String token = traffic.ledgers.token("retry", seq).toString();
        String outboxId = "soak-retry-" + run + "-" + seq;
        String target = "xmpp-room:" + BenchProsody.TEAM_ROOM;
        traffic.retries.due(seq, System.nanoTime(), System.nanoTime());
        world.execute("""
                insert into crosspost.outbox (id, message_id, target, kind, origin_channel, sender, sender_name, text,
                    status, attempts, last_error, lease_until, created_at)
                values (?, ?, ?, 'xmpp-room', 'shoutbox:team', 'soak1', 'Soak', ?, 'FAILED', 40,
                    'XMPP is not connected (soak)', now() - interval '2 hours', now() - interval '2 hours')""",
                outboxId, UUID.randomUUID().toString(), target, "[team] Soak: retried " + token);
        traffic.retries.answered(seq, 200, System.nanoTime());
        String body = "{\"businessKey\":\"" + outboxId + "\",\"variables\":{\"outboxId\":{\"value\":\"" + outboxId
                + "\",\"type\":\"String\"},\"target\":{\"value\":\"" + target + "\",\"type\":\"String\"},"
                + "\"error\":{\"value\":\"XMPP is not connected (soak)\",\"type\":\"String\"}}}";
        String first = start(api, body), second = start(api, body);
        String job1 = incidentJob(api, first), job2 = incidentJob(api, second);
        if (job1 == null && job2 == null) {
            return "no incident: both attempts ran on the holder, which sent the line (row " + status(outboxId) + ")";
        }
        // Retry on both at once, as two people in Cockpit would: the second attempt runs while the first has
        // handed the row back (PENDING), or sent it
        for (String job : new String[] {job1, job2}) {
            if (job != null) {
                retry(api, job);
            }
        }
        SoakFaults.until(() -> "SENT".equals(status(outboxId)));
        return (job1 != null && job2 != null ? "two incidents, Retry on both at once" : "one incident, Retry")
                + "; the attempts said: " + delivery(api, first) + " / " + delivery(api, second) + "; row "
                + status(outboxId);
    }

    /** The {@code delivery} variable a delivery-failed instance ended with (what its last attempt did). */
    private static String delivery(AdminHttp api, String instance) {
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode v = JSON.readTree(api.send("GET", "/engine-rest/history/variable-instance?processInstanceId="
                        + instance + "&variableName=delivery", null, QUICK).body());
                if (v.size() > 0) {
                    return "'" + v.get(0).path("value").asText() + "'";
                }
                LockSupport.parkNanos(250_000_000L);
            }
        } catch (Exception e) {
            return "?";
        }
        return "none";
    }

    private String start(AdminHttp api, String body) throws Exception {
        var r = api.send("POST", "/engine-rest/process-definition/key/delivery-failed/start", body, QUICK.multipliedBy(10));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("delivery-failed start answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** The job of the instance's incident, or {@code null} when the instance ended without one (within 60 s). */
    private String incidentJob(AdminHttp api, String instance) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode incidents = JSON.readTree(api.send("GET", "/engine-rest/incident?processInstanceId=" + instance,
                    null, QUICK.multipliedBy(10)).body());
            if (incidents.size() > 0) {
                return incidents.get(0).path("configuration").asText();
            }
            JsonNode jobs = JSON.readTree(api.send("GET", "/engine-rest/job?processInstanceId=" + instance, null,
                    QUICK.multipliedBy(10)).body());
            if (jobs.size() == 0) {
                return null;
            }
            LockSupport.parkNanos(200_000_000L);
        }
        return null;
    }

    private static void retry(AdminHttp api, String job) throws Exception {
        var r = api.send("PUT", "/engine-rest/job/" + job + "/retries", "{\"retries\":1}", QUICK.multipliedBy(10));
        if (r.statusCode() != 204) {
            throw new IllegalStateException("Retry answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String status(String outboxId) {
        long sent = world.count("select count(*) from crosspost.outbox where id = '" + outboxId + "' and status = 'SENT'");
        long pending = world.count("select count(*) from crosspost.outbox where id = '" + outboxId
                + "' and status = 'PENDING'");
        return sent > 0 ? "SENT" : pending > 0 ? "PENDING" : "FAILED";
    }

    /** The node that says it holds the bot (answering within 10 s: the machine may be busy), or -1. */
    int holder() {
        int found = -1;
        for (int i = 0; i < world.nodes.size(); i++) {
            if ("leader".equals(role(i))) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private int awaitHolder() {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        int h = holder();
        while (h < 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(250_000_000L);
            h = holder();
        }
        if (h < 0) {
            throw new IllegalStateException("no node holds the bot");
        }
        return h;
    }

    private String role(int i) {
        try {
            var r = world.nodes.app(i).admin().send("GET", "/api/channels/cluster", null, QUICK);
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("role").asText("?") : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    /** Polls {@code condition} until it holds or {@link #RECOVERY} passed; returns when it first held, or -1. */
    static long until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(250_000_000L);
        }
        return -1;
    }
}

package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * {@code --soak DURATION}: two nodes on one PostgreSQL and one Prosody under steady traffic (shouts round robin,
 * room lines, mail and SMS subscribers on GreenMail and WireMock), a fault every 60-120 s from the seed's plan, then
 * the verdict on every acknowledged message ({@link SoakJudge}) once everything had 60 s after the last recovery.
 */
final class SoakRun {

    static final Duration SETTLE = Duration.ofSeconds(60);

    private SoakRun() {
    }

    static SoakResults run(SoakOptions s, String args) throws Exception {
        BenchOptions o = s.bench();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String started = Instant.now().toString();
        var notes = new ArrayList<String>();
        notes.add("before the run (nothing of the soak running): " + Machine.busyNow() + ". This machine may be shared:"
                + " other people's builds, tests and benchmarks may run at the same time as the soak, and take its"
                + " cores; compare the load averages here and at the end");
        var plan = FaultPlan.plan(s.seed(), s.duration(), s.maxFaults());
        Bench.log("soak " + s.duration() + ", seed " + s.seed() + ", " + plan.size() + " faults: " + plan);
        Path dir = Bench.fresh(Path.of("target", "bench-run").toAbsolutePath());
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Database.recreate(o);
        String postgres = Database.version(o);
        try (var world = SoakWorld.start(s, dir, client)) {
            world.nodes.awaitBot(Duration.ofSeconds(180));
            var shouters = SoakMembers.create(world, client, s.members());
            try (var traffic = new SoakTraffic(world, client, run, shouters)) {
                long start = System.nanoTime();
                traffic.start(s.shoutRate(), s.roomRate(), s.dmRate());
                var faults = new SoakFaults(world, traffic, start, run);
                var pending = new ArrayList<java.util.concurrent.CompletableFuture<SoakFaults.Result>>();
                for (var f : plan) {
                    long due = start + (long) (f.atSeconds() * 1e9);
                    LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                    try {
                        pending.add(faults.run(f));
                    } catch (Exception e) {
                        notes.add("fault " + f.index() + " (" + f.kind() + ") failed: " + e);
                        Bench.log("fault " + f.index() + " failed: " + e);
                    }
                }
                LockSupport.parkNanos(Math.max(0, start + s.duration().toNanos() - System.nanoTime()));
                Bench.log("traffic stops; waiting for the last recoveries, then for what is owed ("
                        + SETTLE.toSeconds() + " s)");
                traffic.stopSending();
                var results = pending.stream().map(java.util.concurrent.CompletableFuture::join).toList();
                long end = System.nanoTime();
                var verdicts = settle(world, traffic, run, end);
                notes.add("at the end (nodes, PostgreSQL, Prosody still up, idle): load average " + Machine.loadAverage());
                notes.add(replies(traffic));
                notes.add("SMS: " + smsRepeated(List.copyOf(traffic.smsArrivals)) + " request(s) to the gateway "
                        + "repeated a token it had taken (a send whose answer did not come within the timeout, tried "
                        + "again): a gateway that honours " + SoakTraffic.SMS_IDEMPOTENCY + ", as Twilio does, sends "
                        + "those once, and the SMS row counts them once; WireMock records every request");
                var meta = new SoakResults.Meta(run, started, Instant.now().toString(), s.seed(),
                        s.duration().toSeconds(), s.shoutRate(), s.roomRate(), s.dmRate(), Machine.describe(), Machine.java(),
                        postgres, Machine.gitCommit(), "./mvnw -B -Pbench verify -Dbench.args=\"" + args + "\"");
                return SoakResults.of(meta, plan, results, verdicts, traffic, start, notes);
            }
        } finally {
            if (!o.keepDatabase()) {
                try {
                    Database.drop(o);
                } catch (java.sql.SQLException e) {
                    Bench.log("could not drop database " + o.database() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Waits until every target has all it is owed or {@link #SETTLE} passed, then judges each target. */
    private static List<SoakJudge.Verdict> settle(SoakWorld world, SoakTraffic traffic, String run, long end) {
        long deadline = end + SETTLE.toNanos();
        List<SoakJudge.Verdict> verdicts = judge(world, traffic, run);
        while (System.nanoTime() < deadline && verdicts.stream().anyMatch(v -> !v.lost().isEmpty())) {
            LockSupport.parkNanos(2_000_000_000L);
            verdicts = judge(world, traffic, run);
        }
        return verdicts;
    }

    /** The bot's answers to the writer: its confirmations name no message, so they are counted, not judged. */
    static String replies(SoakTraffic traffic) {
        var replies = List.copyOf(traffic.directReplies);
        long thanks = replies.stream().filter(r -> r.startsWith("Thanks")).count();
        var other = replies.stream().filter(r -> !r.startsWith("Thanks")).distinct().limit(5).toList();
        return "direct messages: " + traffic.direct.owed().size() + " taken by the chat server, " + thanks
                + " confirmations from the bot (\"Thanks …, your message is on the shoutbox of team.\": they name no "
                + "message, so they are counted, not judged)" + (other.isEmpty() ? ""
                : "; other answers: " + other);
    }

    static List<SoakJudge.Verdict> judge(SoakWorld world, SoakTraffic traffic, String run) {
        var shouts = traffic.shouts.owed();
        var room = List.copyOf(traffic.roomArrivals);
        var sms = smsDelivered(traffic.smsArrivals.stream().filter(a -> a[0].equals(SoakMembers.PHONE)).toList());
        var shoutbox = shoutbox(world, run);
        return List.of(
                SoakJudge.judge("team room: shouts", shouts, room.stream().filter(id -> id.startsWith("shout:")).toList()),
                SoakJudge.judge("team room: lines sent again by Retry", traffic.retries.owed(),
                        room.stream().filter(id -> id.startsWith("retry:")).toList()),
                SoakJudge.judge("team shoutbox: room lines", traffic.room.owed(),
                        shoutbox.stream().filter(id -> id.startsWith("room:")).toList()),
                SoakJudge.judge("team shoutbox: direct messages to the bot", traffic.direct.owed(),
                        shoutbox.stream().filter(id -> id.startsWith("dm:")).toList()),
                SoakJudge.judge("mail to " + SoakMembers.mail(SoakMembers.MAIL_SUBSCRIBER), false, shouts,
                        mails(world, run)),
                SoakJudge.judge("SMS to " + SoakMembers.PHONE, false, shouts, sms));
    }

    /**
     * The SMS a subscriber gets from the gateway's requests: a request repeated with an idempotency token the gateway
     * has seen is taken once (Twilio's {@code I-Twilio-Idempotency-Token}), so it is left out; one without a token
     * counts each time. The same message under two tokens counts twice: that is a double.
     */
    static List<String> smsDelivered(List<String[]> requests) {
        var tokens = new java.util.HashSet<String>();
        return requests.stream().filter(r -> r[2] == null || tokens.add(r[2])).map(r -> r[1]).toList();
    }

    /** How many requests the gateway took once already (the same idempotency token again). */
    static long smsRepeated(List<String[]> requests) {
        return requests.size() - smsDelivered(requests).size();
    }

    /** The run's lines on the team shoutbox ({@code <phase>:<seq>}), in the shoutbox's order (from the database). */
    private static List<String> shoutbox(SoakWorld world, String run) {
        var ids = new ArrayList<String>();
        try (var c = Database.connect(world.options.bench(), world.options.bench().database());
             var st = c.prepareStatement("select text from crosspost.shouts where text like ? order by seq")) {
            st.setString(1, "%tok:" + run + ":%");
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    Token.find(rs.getString(1)).ifPresent(t -> ids.add(t.phase() + ":" + t.seq()));
                }
            }
        } catch (java.sql.SQLException e) {
            Bench.log("could not read the shoutbox: " + e.getMessage());
        }
        return ids;
    }

    /** The shouts mailed to the mail subscriber, in the order GreenMail received them. */
    private static List<String> mails(SoakWorld world, String run) {
        String to = SoakMembers.mail(SoakMembers.MAIL_SUBSCRIBER);
        var ids = MAILS;
        var received = world.mail.getReceivedMessages();
        for (int i = mailsRead; i < received.length; i++, mailsRead++) {
            MimeMessage m = received[i];
            try {
                Address[] all = m.getAllRecipients();
                if (all == null || Arrays.stream(all).noneMatch(a -> a.toString().contains(to))) {
                    continue;
                }
                String subject = m.getSubject();
                var token = Token.find(subject).or(() -> Token.find(text(m)));
                token.filter(t -> t.run().equals(run)).ifPresent(t -> ids.add(t.phase() + ":" + t.seq()));
            } catch (Exception e) {
                Bench.log("unreadable mail: " + e);
            }
        }
        return List.copyOf(ids);
    }

    /** The mails read so far (GreenMail keeps them in the order received): one soak per JVM. */
    private static final List<String> MAILS = new ArrayList<>();
    private static int mailsRead;

    private static String text(jakarta.mail.Part part) {
        try {
            if (part.isMimeType("text/*")) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                var all = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    all.append(text(multipart.getBodyPart(i))).append('\n');
                }
                return all.toString();
            }
        } catch (Exception e) {
            return "";
        }
        return "";
    }
}

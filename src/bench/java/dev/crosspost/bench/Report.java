package dev.crosspost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code results.json} and the Markdown tables of {@code results.md} (also printed). */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    static void write(Results results, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(results) + "\n");
        Files.writeString(dir.resolve("results.md"), markdown(results));
    }

    /** A run's {@code results.json} read back. */
    static Results read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), Results.class);
    }

    static String markdown(Results r) {
        var md = new StringBuilder();
        var m = r.meta();
        md.append("# Crosspost benchmark ").append(m.run()).append("\n\n")
                .append("- ").append(m.startedAt()).append(" → ").append(m.finishedAt()).append("\n")
                .append("- machine: ").append(m.machine()).append("; ").append(m.java()).append("; PostgreSQL ")
                .append(m.postgres()).append("\n")
                .append("- crosspost: ").append(m.crosspost()).append("\n")
                .append("- command: `").append(m.command()).append("`\n\n");
        md.append("## Shout → team room (HTTP API → the line heard by an independent XMPP client)\n\n");
        if (!m.roomDelivery()) {
            md.append("_No XMPP adapter in this build: delivery was not measured, only the HTTP API._\n\n");
        }
        md.append("| rate/s | sustained | sent | accepted | failed | delivered | lost | dup | out of order "
                + "| delivered/s | p50 ms | p90 ms | p99 ms | max ms | HTTP p50/p99 ms |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var rate : r.rates()) {
            var t = rate.tally();
            var d = t.delivery();
            boolean heard = m.roomDelivery();
            md.append(row(num(rate.rate()), rate.keptUp() ? "yes" : "**no**", t.sent(), t.accepted(),
                    t.failed() + (t.heardUnaccepted() > 0 ? " (" + t.heardUnaccepted() + " heard)" : ""),
                    heard ? t.delivered() : "n/a",
                    heard ? t.lost() + (rate.heardLate() > 0 ? " (" + rate.heardLate() + " heard later)" : "") : "n/a",
                    heard ? t.duplicated() : "n/a", heard ? t.outOfOrder() : "n/a", num(rate.deliveredPerSecond()),
                    ms(heard, d.p50()), ms(heard, d.p90()), ms(heard, d.p99()), ms(heard, d.max()),
                    ms(t.answer().p50()) + " / " + ms(t.answer().p99())));
        }
        md.append("\nLatency is measured from the moment each HTTP call was due (open loop) to the line heard in the room.")
                .append(" _sustained_: every call accepted, every line heard once, the backlog drained, and lines heard at")
                .append(" 95 % or more of the rate sent; the harness stops after the first rate that is not.")
                .append(" _failed_: an error status or no answer within 60 s (how many of them were heard in the room anyway);")
                .append(" _lost_: accepted (2xx) but not heard within the drain timeout (and how many of them were heard")
                .append(" later, while the backlog cleared: late, not lost); _dup_: heard more than once;")
                .append(" _out of order_: heard after a line whose call started only once this one had been accepted.\n\n");
        limits(r, md);
        if (r.cpu() != null && !r.cpu().isEmpty()) {
            md.append(MessageCpu.markdown(r.cpu(), r.camunda()));
        }
        if (r.profile() != null) {
            md.append("## Where Crosspost's CPU went at ").append(num(r.profile().rate()))
                    .append("/s (JFR, summarised by `JfrLayers`; a phase of its own after the other phases, before the crash run, not one of ")
                    .append("them: the recording costs CPU)\n\n")
                    .append(JfrLayers.markdown(r.profile().summary(), 15)).append("\n");
        }
        if (r.crash() != null) {
            md.append(CrashRun.markdown(r.crash()));
        }
        md.append(Targets.markdown(r));
        baselines(r, md);
        if (r.room() != null) {
            var t = r.room().tally();
            var d = t.delivery();
            md.append("## Team room → shoutbox (a line said in the room → its shout on the live stream)\n\n")
                    .append("| rate/s | said | on shoutbox | lost | dup | delivered/s | p50 ms | p90 ms | p99 ms | max ms |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                    .append(row(num(r.room().rate()), t.sent(), t.delivered(), t.lost(), t.duplicated(),
                            num(r.room().deliveredPerSecond()), ms(d.p50()), ms(d.p90()), ms(d.p99()), ms(d.max())))
                    .append("\n");
        }
        if (r.hook() != null) {
            var t = r.hook().tally();
            var d = t.delivery();
            md.append("## Incoming webhook → team room (a POST to the hook's secret URL → its line in the room)\n\n")
                    .append("| rate/s | called | in room | failed | lost | dup | delivered/s | p50 ms | p90 ms | p99 ms | max ms |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                    .append(row(num(r.hook().rate()), t.sent(), t.delivered(), t.failed(), t.lost(), t.duplicated(),
                            num(r.hook().deliveredPerSecond()), ms(d.p50()), ms(d.p90()), ms(d.p99()), ms(d.max())))
                    .append("\n");
        }
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    private static void limits(Results r, StringBuilder md) {
        md.append("## What was busy while each rate was sent (sampled every second from /actuator/prometheus)\n\n")
                .append("| rate/s | load average | Crosspost CPU | machine CPU | pool size | connections in use, max "
                        + "| threads waiting for a connection, mean / max | jobs | outbox pending | RSS MB | heap MB |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var rate : r.rates()) {
            var l = rate.limits();
            boolean sampled = l != null && l.samples() > 0;
            md.append(row(num(rate.rate()), rate.loadAverage(), sampled ? percent(l.processCpu()) : "n/a",
                    sampled ? percent(l.systemCpu()) : "n/a", sampled ? num(l.poolSize()) : "n/a",
                    sampled ? num(l.maxActive()) : "n/a",
                    sampled ? num(l.meanPending()) + " / " + num(l.maxPending()) : "n/a",
                    count(rate.jobsAtEndOfLoad()) + " → " + count(rate.after().jobs()),
                    count(rate.outboxAtEndOfLoad()) + " → " + count(rate.after().outbox()),
                    num(rate.before().rssMb()) + " → " + num(rate.after().rssMb()),
                    num(rate.before().heapMb()) + " → " + num(rate.after().heapMb())));
        }
        md.append("\nCPU is a share of all cores (100 % = every core busy); the machine's includes PostgreSQL, Prosody,")
                .append(" the harness and anything else running on it. _load average_: the machine's 1-minute load")
                .append(" average when the rate started (2 = both cores busy). _jobs_ (Camunda's) and _outbox pending_")
                .append(" (rows not sent yet; n/a: this build has no outbox): when the last shout was sent → after the")
                .append(" drain.\n\n");
    }

    private static String percent(double share) {
        return share < 0 ? "n/a" : Math.round(share * 100) + " %";
    }

    private static void baselines(Results r, StringBuilder md) {
        md.append("## Baselines (same machine, same run)\n\n| baseline | figure |\n|---|---:|\n");
        var pg = r.pgbench();
        if (pg != null) {
            pg.points().forEach(p -> md.append(row("PostgreSQL single-row INSERT commits/s, " + p.clients() + " client"
                    + (p.clients() == 1 ? "" : "s"), num(p.commitsPerSecond()))));
            if (pg.points().isEmpty()) {
                md.append(row("PostgreSQL (pgbench)", pg.note()));
            }
        }
        var s = r.smack();
        if (s != null) {
            md.append(row("bare Smack client through the room, burst msgs/s (" + s.burstHeard() + "/" + s.burstSent()
                    + " heard)", num(s.burstPerSecond())));
            md.append(row("bare Smack client, paced at " + num(s.pacedRate()) + "/s: p50 / p99 ms",
                    ms(s.pacedLatency().p50()) + " / " + ms(s.pacedLatency().p99())));
        }
        for (var c : r.camunda()) {
            md.append(row("Camunda alone, the shoutbox-team flow with no-op tasks, " + c.variant()
                    + ": flows finished/s (" + c.finished() + " of " + c.started() + " started"
                    + (c.duplicated() > 0 ? ", " + c.duplicated() + " twice" : "") + ")", num(c.flowsPerSecond())));
        }
        md.append("\n").append(Ratios.markdown(r)).append("\n");
    }

    static String row(Object... cells) {
        var sb = new StringBuilder("|");
        for (Object c : cells) {
            sb.append(' ').append(c).append(" |");
        }
        return sb.append('\n').toString();
    }

    static String num(double v) {
        if (v < 0) {
            return "n/a";
        }
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String count(long n) {
        return n < 0 ? "n/a" : String.valueOf(n);
    }

    private static String ms(boolean measured, double v) {
        return measured ? ms(v) : "n/a";
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}

package dev.crosspost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a soak found: the plan its seed gave, each fault with its recovery, the verdict on every target, and each
 * loss, duplicate or reordering charged to the fault during (or after) which its message was acknowledged.
 * Written as {@code soak.json} and rendered as {@code soak.md}.
 */
record SoakResults(Meta meta, List<FaultPlan.Fault> plan, List<SoakFaults.Result> faults, List<Verdict> verdicts,
                   Map<String, Problems> byFault, List<String> notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** At most this many ids per list in the report (the counts are whole). */
    static final int IDS = 50;

    record Meta(String run, String startedAt, String finishedAt, long seed, long seconds, double shoutRate,
                double roomRate, double dmRate, String machine, String java, String postgres, String commit, String command) {
    }

    /** {@code ordered}: whether the target's order is owed (not for mail and SMS: {@link SoakJudge}). */
    record Verdict(String target, boolean ordered, long owed, long arrived, long lost, long doubled, long reordered,
                   long strangers, List<String> lostIds, List<String> doubledIds, List<String> reorderedIds) {
    }

    /** The problems charged to one fault ("before the first fault" when none had happened yet). */
    record Problems(List<String> lost, List<String> doubled, List<String> reordered) {
    }

    boolean clean() {
        return verdicts.stream().allMatch(v -> v.lost() + v.doubled() + (v.ordered() ? v.reordered() : 0) == 0);
    }

    static SoakResults of(Meta meta, List<FaultPlan.Fault> plan, List<SoakFaults.Result> faults,
                          List<SoakJudge.Verdict> verdicts, SoakTraffic traffic, long startNanos, List<String> notes) {
        var out = new ArrayList<Verdict>();
        Map<String, Problems> byFault = new LinkedHashMap<>();
        for (var v : verdicts) {
            out.add(new Verdict(v.target(), v.ordered(), v.owed(), v.arrived(), v.lost().size(), v.doubled().size(),
                    v.reordered().size(), v.strangers(), first(v.lost()), first(v.doubled()), first(v.reordered())));
            charge(v.lost(), v.target(), faults, traffic, startNanos, byFault, 0);
            charge(v.doubled(), v.target(), faults, traffic, startNanos, byFault, 1);
            if (v.ordered()) {
                charge(v.reordered(), v.target(), faults, traffic, startNanos, byFault, 2);
            }
        }
        return new SoakResults(meta, plan, faults, out, byFault, notes);
    }

    private static void charge(List<String> ids, String target, List<SoakFaults.Result> faults, SoakTraffic traffic,
                               long startNanos, Map<String, Problems> byFault, int which) {
        for (String id : ids) {
            String[] parts = id.split(":");
            Ledger ledger = switch (parts[0]) {
                case "room" -> traffic.room;
                case "dm" -> traffic.direct;
                case "retry" -> traffic.retries;
                default -> traffic.shouts;
            };
            double at = (ledger.answeredNanos(Long.parseLong(parts[1])) - startNanos) / 1e9;
            String key = "before the first fault";
            for (var f : faults) {
                if (f.startedSeconds() <= at) {
                    key = "fault " + f.index() + " (" + f.kind() + ")";
                }
            }
            var p = byFault.computeIfAbsent(key, k -> new Problems(new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>()));
            var list = which == 0 ? p.lost() : which == 1 ? p.doubled() : p.reordered();
            list.add(target + " " + id);
        }
    }

    private static List<String> first(List<String> ids) {
        return ids.size() <= IDS ? ids : ids.subList(0, IDS);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("soak.json"), JSON.writeValueAsString(this) + "\n");
        Files.writeString(dir.resolve("soak.md"), markdown());
    }

    String markdown() {
        var m = meta;
        var md = new StringBuilder("# Crosspost soak with faults: ").append(m.run()).append("\n\n")
                .append("- ").append(m.startedAt()).append(" → ").append(m.finishedAt()).append("; seed **")
                .append(m.seed()).append("** (the same seed gives the same faults at the same times)\n")
                .append("- ").append(m.seconds()).append(" s of traffic: shouts at ").append(Report.num(m.shoutRate()))
                .append("/s round robin over two nodes from several members, room lines at ")
                .append(Report.num(m.roomRate())).append("/s, direct messages to the bot at ").append(Report.num(m.dmRate()))
                .append("/s; one mail and one SMS subscriber of every shout\n")
                .append("- machine: ").append(m.machine()).append("; ").append(m.java()).append("; PostgreSQL ")
                .append(m.postgres()).append("; commit ").append(m.commit()).append("\n")
                .append("- command: `").append(m.command()).append("`\n\n")
                .append("**Verdict: ").append(clean() ? "nothing lost, doubled or out of order" : "PROBLEMS FOUND")
                .append("** across ").append(faults.size()).append(" faults.\n\n")
                .append("## Faults\n\nSeconds from the fault's start: *over* (restarted, reconnected, resumed), *bot* ")
                .append("(one node holds the bot with its session up), *backlog* (no outbox row written before the ")
                .append("fault was over still pending); *acknowledged*: shouts, room lines and direct messages acknowledged from the ")
                .append("fault's start to its recovery.\n\n")
                .append("| # | at s | fault | target | holder before → after | over | bot | backlog | acknowledged | note |\n")
                .append("|---:|---:|---|---|---|---:|---:|---:|---:|---|\n");
        for (var f : faults) {
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %s | %s → %s | %.1f | %.1f | %.1f | %d | %s |%n",
                    f.index(), f.startedSeconds(), f.kind(), f.target(), f.holderBefore(), f.holderAfter(),
                    f.faultSeconds(), f.botBackSeconds(), f.backlogSeconds(), f.acknowledgedDuring(), f.note()));
        }
        md.append("\n## Every acknowledged message, per target\n\n")
                .append("| target | owed | arrived | lost | doubled | out of order | not owed |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (var v : verdicts) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %d |%n", v.target(), v.owed(),
                    v.arrived(), v.lost(), v.doubled(), v.ordered() ? String.valueOf(v.reordered())
                            : "(" + v.reordered() + ", not owed)", v.strangers()));
        }
        md.append("\n*Not owed*: arrivals of messages whose call was not acknowledged (it failed or timed out after ")
                .append("the node had taken it); they may arrive, and do not count against the run. Mail and SMS owe ")
                .append("each message once, not an order: each node sends the notifications of the shouts it accepted, so ")
                .append("the two nodes' mails to one address interleave as they go (in brackets: how many arrived after ")
                .append("a later one).\n");
        if (!byFault.isEmpty()) {
            md.append("\n## Problems by fault\n\n");
            byFault.forEach((fault, p) -> md.append("- ").append(fault).append(": lost ").append(p.lost().size())
                    .append(first(p.lost())).append("; doubled ").append(p.doubled().size()).append(first(p.doubled()))
                    .append("; out of order ").append(p.reordered().size()).append(first(p.reordered())).append("\n"));
        }
        md.append("\n## Notes\n\n");
        notes.forEach(n -> md.append("- ").append(n).append("\n"));
        return md.toString();
    }
}

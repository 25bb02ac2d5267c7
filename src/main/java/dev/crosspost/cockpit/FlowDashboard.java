package dev.crosspost.cockpit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.crosspost.message.ChannelCounts;
import dev.crosspost.message.MessageFigures;
import dev.crosspost.message.Queues;
import dev.crosspost.message.outbox.OutboxFigures;
import dev.crosspost.message.outbox.TargetFigures;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;

/**
 * The Cockpit dashboard's numbers per channel. Of its queue: messages in and unrouted, sends out in the last hour
 * and day (outbox rows marked SENT, plus local effects such as a shout appended), sends skipped. Of the sends
 * <em>to</em> the channel, from the outbox's per-target figures: waiting, retrying, failed, and since when the
 * oldest one waits. A person sees the queues whose history Camunda lets them read ({@code READ_HISTORY} on the
 * process definition), as in Cockpit itself; channels without a queue (unrouted ones, and those that only receive
 * sends: mail, SMS, direct messages) only Camunda administrators.
 */
@Service
class FlowDashboard {

    private final Queues queues;
    private final MessageFigures messages;
    private final OutboxFigures outbox;
    private final Readers readers;
    private final HistoryService history;
    private final ManagementService management;
    private final Clock clock;

    FlowDashboard(Queues queues, MessageFigures messages, OutboxFigures outbox, Readers readers, HistoryService history,
                  ManagementService management) {
        this.queues = queues;
        this.messages = messages;
        this.outbox = outbox;
        this.readers = readers;
        this.history = history;
        this.management = management;
        this.clock = Clock.systemUTC();
    }

    /**
     * One channel's row. Queue fields are null for a channel without a queue; {@code waiting}, {@code retrying},
     * {@code failures} and {@code oldestPendingSince} are about sends to this channel.
     */
    record ChannelFlows(String channel, @Nullable String processKey, @Nullable String processName,
                        @Nullable String processDefinitionId,
                        long inLastHour, long inLastDay, long sentLastHour, long sentLastDay, long skippedLastDay,
                        long unroutedLastDay, long waiting, long retrying, long failures,
                        @Nullable Instant oldestPendingSince) {
    }

    List<ChannelFlows> channels(String userId) {
        Readers.Reader reader = readers.of(userId);
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant dayAgo = now.minus(Duration.ofDays(1));
        Map<String, ChannelCounts> in = messages.byChannel(now).stream()
                .collect(Collectors.toMap(ChannelCounts::channel, Function.identity()));
        Map<String, OutboxFigures.Sent> sent = outbox.sentByChannel(now);
        Map<String, TargetFigures> to = outbox.byTarget().stream()
                .collect(Collectors.toMap(TargetFigures::target, Function.identity()));
        Map<String, ChannelFlows> rows = new TreeMap<>();
        for (Queues.QueueInfo q : queues.deployed()) {
            if (reader.mayReadHistory(q.processKey())) {
                ChannelCounts c = in.get(q.channel());
                OutboxFigures.Sent out = sent.getOrDefault(q.channel(), new OutboxFigures.Sent(0, 0));
                String key = q.processKey();
                rows.put(q.channel(), row(q.channel(), q, c,
                        out.lastHour() + localSends(key, "SENT", hourAgo), out.lastDay() + localSends(key, "SENT", dayAgo),
                        localSends(key, "SKIPPED", dayAgo), to.get(q.channel())));
            }
        }
        if (reader.admin()) {
            // channels without a queue that had messages in the last day
            in.values().stream().filter(c -> c.lastDay() > 0 && !rows.containsKey(c.channel()))
                    .forEach(c -> rows.put(c.channel(), row(c.channel(), null, c, 0, 0, 0, to.get(c.channel()))));
            to.values().stream().filter(t -> !rows.containsKey(t.target()))
                    .forEach(t -> rows.put(t.target(), row(t.target(), null, null, 0, 0, 0, t)));
        }
        return List.copyOf(rows.values());
    }

    private static ChannelFlows row(String channel, Queues.QueueInfo q, ChannelCounts in, long sentLastHour,
                                    long sentLastDay, long skippedLastDay, TargetFigures to) {
        return new ChannelFlows(channel, q == null ? null : q.processKey(), q == null ? null : q.processName(),
                q == null ? null : q.processDefinitionId(), in == null ? 0 : in.lastHour(), in == null ? 0 : in.lastDay(),
                sentLastHour, sentLastDay, skippedLastDay, in == null ? 0 : in.unroutedLastDay(),
                to == null ? 0 : to.pending(), to == null ? 0 : to.retrying(), to == null ? 0 : to.failed(),
                to == null ? null : to.oldestPending());
    }

    /**
     * Sends the queue's tasks recorded as done at once or skipped ({@code delivery_<task>} = "SENT to …" for a local
     * effect such as a shout appended, "SKIPPED (…): …"); sends through the outbox record "QUEUED …" and are counted
     * from the outbox.
     */
    private long localSends(String processKey, String outcome, Instant since) {
        String table = management.getTableName(HistoricVariableInstance.class);
        return history.createNativeHistoricVariableInstanceQuery()
                .sql("select count(*) from " + table + " where PROC_DEF_KEY_ = #{key} and NAME_ like 'delivery%'"
                        + " and TEXT_ like #{outcome} and CREATE_TIME_ >= #{since}")
                .parameter("key", processKey).parameter("outcome", outcome + "%").parameter("since", Date.from(since))
                .count();
    }
}

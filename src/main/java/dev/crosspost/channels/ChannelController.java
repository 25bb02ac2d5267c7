package dev.crosspost.channels;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.crosspost.message.OutboxFigures;
import dev.crosspost.message.Queues;
import dev.crosspost.message.TargetFigures;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The channel overview for admins: every channel seen, routed or sent to, the process that handles it, how
 * many of its messages went nowhere, and the outbox's sends to it that are pending, retrying or failed. Where a person starts when a message "went nowhere".
 */
@Controller
class ChannelController {

    private static final String COCKPIT = "/camunda/app/cockpit/default/#/process-definition/";

    private final ChannelStats stats;
    private final Queues queues;
    private final OutboxFigures outbox;

    ChannelController(ChannelStats stats, Queues queues, OutboxFigures outbox) {
        this.stats = stats;
        this.queues = queues;
        this.outbox = outbox;
    }

    /**
     * One row of the overview: messages in, and the outbox's sends to this channel (pending, of which retrying,
     * failed, and when the oldest pending one was queued).
     */
    record Channel(String address, String processKey, String processName, String cockpitUrl, long accepted,
                   long unrouted, Instant lastMessageAt, long pending, long retrying, long failed,
                   Instant oldestPending) {

        Channel withOutbox(TargetFigures f) {
            return new Channel(address, processKey, processName, cockpitUrl, accepted, unrouted, lastMessageAt,
                    f.pending(), f.retrying(), f.failed(), f.oldestPending());
        }
    }

    @GetMapping("/api/channels")
    @ResponseBody
    List<Channel> channels() {
        Map<String, Channel> rows = new TreeMap<>();
        for (Queues.QueueInfo q : queues.deployed()) {
            rows.put(q.channel(), new Channel(q.channel(), q.processKey(), q.processName(),
                    COCKPIT + q.processDefinitionId(), 0, 0, null, 0, 0, 0, null));
        }
        for (ChannelStats.Row s : stats.all()) {
            Channel queue = rows.get(s.channel());
            rows.put(s.channel(), new Channel(s.channel(), queue == null ? null : queue.processKey(),
                    queue == null ? null : queue.processName(), queue == null ? null : queue.cockpitUrl(),
                    s.accepted(), s.unrouted(), s.lastMessageAt(), 0, 0, 0, null));
        }
        for (TargetFigures f : outbox.byTarget()) {
            Channel known = rows.get(f.target());
            rows.put(f.target(), (known == null
                    ? new Channel(f.target(), null, null, null, 0, 0, null, 0, 0, 0, null) : known).withOutbox(f));
        }
        return rows.values().stream().sorted(Comparator.comparing(Channel::address)).toList();
    }

    @GetMapping("/channels")
    String page() {
        return "forward:/channels.html";
    }
}

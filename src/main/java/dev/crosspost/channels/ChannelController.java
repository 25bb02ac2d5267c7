package dev.crosspost.channels;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.crosspost.message.Queues;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The channel overview for admins: every channel seen or routed, the process that handles it, and how
 * many of its messages went nowhere. Where a person starts when a message "went nowhere".
 */
@Controller
class ChannelController {

    private static final String COCKPIT = "/camunda/app/cockpit/default/#/process-definition/";
    /** The queue's Messages tab (Crosspost's Cockpit plugin): its finished and running flows. */
    private static final String MESSAGES_TAB = "/runtime?tab=crosspost-messages";

    private final ChannelStats stats;
    private final Queues queues;

    ChannelController(ChannelStats stats, Queues queues) {
        this.stats = stats;
        this.queues = queues;
    }

    /** One row of the overview. */
    record Channel(String address, String processKey, String processName, String cockpitUrl, long accepted,
                   long unrouted, Instant lastMessageAt) {
    }

    @GetMapping("/api/channels")
    @ResponseBody
    List<Channel> channels() {
        Map<String, Channel> rows = new TreeMap<>();
        for (Queues.QueueInfo q : queues.deployed()) {
            rows.put(q.channel(), new Channel(q.channel(), q.processKey(), q.processName(),
                    COCKPIT + q.processDefinitionId() + MESSAGES_TAB, 0, 0, null));
        }
        for (ChannelStats.Row s : stats.all()) {
            Channel queue = rows.get(s.channel());
            rows.put(s.channel(), new Channel(s.channel(), queue == null ? null : queue.processKey(),
                    queue == null ? null : queue.processName(), queue == null ? null : queue.cockpitUrl(),
                    s.accepted(), s.unrouted(), s.lastMessageAt()));
        }
        return rows.values().stream().sorted(Comparator.comparing(Channel::address)).toList();
    }

    @GetMapping("/channels")
    String page() {
        return "forward:/channels.html";
    }
}

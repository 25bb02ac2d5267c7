package dev.crosspost.channels;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.crosspost.message.ChannelCounts;
import dev.crosspost.message.MessageFigures;
import dev.crosspost.message.Queues;
import dev.crosspost.message.outbox.OutboxFigures;
import dev.crosspost.message.outbox.TargetFigures;
import dev.crosspost.xmpp.RoomWarnings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The channel overview for admins: every channel seen or routed, the process that handles it, how many of its
 * messages went nowhere, and the outbox's sends to it. Where a person starts when a message "went nowhere".
 */
@Controller
class ChannelController {

    private static final String COCKPIT = "/camunda/app/cockpit/default/#/process-definition/";
    /** The queue's Messages tab (Crosspost's Cockpit plugin): its finished and running flows. */
    private static final String MESSAGES_TAB = "/runtime?tab=crosspost-messages";

    private final MessageFigures messages;
    private final Queues queues;
    private final OutboxFigures outbox;
    private final ObjectProvider<RoomWarnings> roomWarnings;

    ChannelController(MessageFigures messages, Queues queues, OutboxFigures outbox,
                      ObjectProvider<RoomWarnings> roomWarnings) {
        this.messages = messages;
        this.queues = queues;
        this.outbox = outbox;
        this.roomWarnings = roomWarnings;
    }

    /**
     * One row of the overview: messages in; the outbox's sends to this channel (pending, of which retrying,
     * failed, and when the oldest pending one was queued); {@code warning}: what is wrong with the channel (a room
     * hiding real JIDs).
     */
    record Channel(String address, @Nullable String processKey, @Nullable String processName,
                   @Nullable String cockpitUrl, long accepted, long unrouted, @Nullable Instant lastMessageAt,
                   long pending, long retrying, long failed, @Nullable Instant oldestPending,
                   @Nullable String warning) {

        static Channel empty(String address) {
            return new Channel(address, null, null, null, 0, 0, null, 0, 0, 0, null, null);
        }

        Channel withOutbox(TargetFigures f) {
            return new Channel(address, processKey, processName, cockpitUrl, accepted, unrouted, lastMessageAt,
                    f.pending(), f.retrying(), f.failed(), f.oldestPending(), warning);
        }

        Channel warned(String text) {
            return new Channel(address, processKey, processName, cockpitUrl, accepted, unrouted, lastMessageAt,
                    pending, retrying, failed, oldestPending, text);
        }
    }

    @GetMapping("/api/channels")
    @ResponseBody
    List<Channel> channels() {
        Map<String, Channel> rows = new TreeMap<>();
        for (Queues.QueueInfo q : queues.deployed()) {
            rows.put(q.channel(), new Channel(q.channel(), q.processKey(), q.processName(),
                    COCKPIT + q.processDefinitionId() + MESSAGES_TAB, 0, 0, null, 0, 0, 0, null, null));
        }
        for (ChannelCounts s : messages.byChannel(Instant.now())) {
            Channel queue = rows.get(s.channel());
            rows.put(s.channel(), new Channel(s.channel(), queue == null ? null : queue.processKey(),
                    queue == null ? null : queue.processName(), queue == null ? null : queue.cockpitUrl(),
                    s.accepted(), s.unrouted(), s.lastMessageAt(), 0, 0, 0, null, null));
        }
        for (TargetFigures f : outbox.byTarget()) {
            rows.put(f.target(), rows.getOrDefault(f.target(), Channel.empty(f.target())).withOutbox(f));
        }
        roomWarnings.orderedStream().forEach(w -> w.warnings().forEach((address, text) ->
                rows.put(address, rows.getOrDefault(address, Channel.empty(address)).warned(text))));
        return rows.values().stream().sorted(Comparator.comparing(Channel::address)).toList();
    }

    @GetMapping("/channels")
    String page() {
        return "forward:/channels.html";
    }
}

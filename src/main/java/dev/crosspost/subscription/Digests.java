package dev.crosspost.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.MessageLog;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.SenderName;
import dev.crosspost.message.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Digests: {@link #collect} claims the waiting entries of one interval, one digest per member and method;
 * {@link #deliver} sends one digest through the outbox. Each entry is claimed by exactly one digest, and a digest
 * is written to the outbox under a stable id and marked sent, all in the collecting job's transaction.
 */
@Service
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    /** How long sent digests (and their entries) are kept, for looking into what someone got. */
    static final Duration KEEP_SENT = Duration.ofDays(30);

    private final DigestStore store;
    private final Directory directory;
    private final Targets targets;
    private final UnsubscribeLinks links;
    private final Outbox outbox;
    private final ChannelAccess access;
    private final MessageLog messages;

    Digests(DigestStore store, Directory directory, Targets targets, UnsubscribeLinks links, Outbox outbox,
            ChannelAccess access, MessageLog messages) {
        this.access = access;
        this.messages = messages;
        this.store = store;
        this.directory = directory;
        this.targets = targets;
        this.links = links;
        this.outbox = outbox;
    }

    /** Claims every waiting entry of {@code interval}; returns the ids of the digests made (none: nothing new). */
    public List<String> collect(String interval, Instant now) {
        Subscription.Interval every = Subscription.Interval.parse(interval);
        if (every == Subscription.Interval.IMMEDIATE) {
            throw new IllegalArgumentException("there are no immediate digests; use hourly, daily or weekly");
        }
        store.purgeSentBefore(now.minus(KEEP_SENT));
        List<String> made = new ArrayList<>();
        for (DigestStore.Recipient r : store.waiting(every)) {
            store.claim(r, every, now).ifPresent(made::add);
        }
        log.info("{} digest run: {} digests", every.id(), made.size());
        return made;
    }

    /** Sends one digest, unless it was sent already. Returns what happened, for the process variable. */
    public String deliver(String digestId, Instant now) {
        DigestStore.Digest digest = store.digest(digestId)
                .orElseThrow(() -> new IllegalArgumentException("no digest '" + digestId + "'"));
        if (digest.sentAt() != null) {
            return "SKIPPED: sent at " + digest.sentAt();
        }
        Optional<Member> member = directory.member(digest.memberId());
        // What the member may no longer read (a story moved to another team, a shout removed) is left out when
        // sent; a message corrected since it was queued is sent as it now reads.
        List<DigestStore.Entry> entries = store.entries(digestId).stream().filter(e -> member.isPresent()
                && access.canRead(member.get(), ChannelAddress.parse(e.channel()), e.messageId()))
                .map(e -> messages.text(e.messageId()).map(e::withText).orElse(e)).toList();
        Optional<ChannelAddress> target = member.flatMap(m -> targets.of(m, digest.method()));
        String result;
        if (entries.isEmpty()) {
            result = "SKIPPED: every entry was unsubscribed meanwhile, or is no longer the member's to read";
        } else if (target.isEmpty()) {
            result = "SKIPPED: " + digest.memberId() + " has no address for " + digest.method().id();
        } else {
            result = send(digest, entries, target.get());
        }
        store.markSent(digestId, now);
        return result;
    }

    private String send(DigestStore.Digest digest, List<DigestStore.Entry> entries, ChannelAddress target) {
        Map<String, List<DigestStore.Entry>> byChannel = new LinkedHashMap<>();
        entries.forEach(e -> byChannel.computeIfAbsent(e.channel(), c -> new ArrayList<>()).add(e));
        List<String> subscriptionIds = entries.stream().map(DigestStore.Entry::subscriptionId).distinct().toList();
        String title = "Your " + digest.interval().id() + " digest: " + entries.size()
                + (entries.size() == 1 ? " message" : " messages");
        StringBuilder text = new StringBuilder(title).append('\n');
        boolean mail = Subscription.Method.MAIL.kind().equals(target.kind());
        byChannel.forEach((channel, lines) -> {
            text.append("\n== ").append(channel).append(" ==\n");
            lines.forEach(e -> text.append(Notifier.TIME.format(e.receivedAt())).append("  ").append(author(e))
                    .append(": ").append(e.text()).append('\n'));
            if (mail) {
                text.append("Stop following ").append(channel).append(": ")
                        .append(links.url(List.of(lines.get(0).subscriptionId()))).append('\n');
            }
        });
        var outgoing = new OutgoingMessage(OutgoingMessage.idFor(digest.id(), "digest"), digest.id(), null,
                null, null, text.toString())
                .withSubject(title)
                .withUnsubscribeUrl(links.url(subscriptionIds));
        return outbox.send(target, outgoing).summary();
    }

    private static String author(DigestStore.Entry e) {
        return SenderName.of(e.sender(), e.senderName());
    }
}

package dev.crosspost.subscription;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Notifying a channel's subscribers of one message: {@link #plan} picks who is told now and queues the
 * rest for their digests; {@link #deliver} tells one immediate subscriber (an outbox row). Both run inside the
 * transaction that accepts the message.
 */
@Service
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SubscriptionStore subscriptions;
    private final DigestStore digests;
    private final ChannelAccess access;
    private final Directory directory;
    private final Targets targets;
    private final UnsubscribeLinks links;
    private final Outbox outbox;

    Notifier(SubscriptionStore subscriptions, DigestStore digests, ChannelAccess access, Directory directory,
             Targets targets, UnsubscribeLinks links, Outbox outbox) {
        this.subscriptions = subscriptions;
        this.digests = digests;
        this.access = access;
        this.directory = directory;
        this.targets = targets;
        this.links = links;
        this.outbox = outbox;
    }

    /** Who to tell now (subscription ids), and how many digest entries were queued. */
    public record Plan(List<String> immediate, int queued) {
    }

    /**
     * Immediate subscribers of the message's channel, and a digest entry for every digest subscriber (once per
     * subscription and message, however often this runs). Skips the sender and members who can no longer
     * read the channel.
     */
    public Plan plan(Notice notice) {
        ChannelAddress channel = ChannelAddress.parse(notice.channel());
        String author = authorId(notice.sender());
        List<String> now = new ArrayList<>();
        int queued = 0;
        for (Subscription s : subscriptions.ofChannel(channel.toString())) {
            if (s.memberId().equals(author)) {
                continue;
            }
            Optional<Member> member = directory.member(s.memberId());
            if (member.isEmpty() || !access.canRead(member.get(), channel, notice.messageId())) {
                continue;
            }
            if (s.interval() == Subscription.Interval.IMMEDIATE) {
                now.add(s.id());
            } else if (digests.queue(s.id(), notice)) {
                queued++;
            }
        }
        if (now.isEmpty() && queued == 0) {
            log.debug("notify {} message {}: no subscribers", channel, notice.messageId());
        } else {
            log.info("notify {} message {}: {} now, {} queued for digests", channel, notice.messageId(), now.size(), queued);
        }
        return new Plan(now, queued);
    }

    /**
     * Tells one immediate subscriber through the outbox, if they may still read the message; the outgoing id is
     * derived from message and subscription, so a repeated run writes nothing twice and a resend carries the same
     * mail/SMS/stanza id. Returns what happened, for the process variable.
     */
    public String deliver(String subscriptionId, Notice notice) {
        Optional<Subscription> subscription = subscriptions.find(subscriptionId);
        if (subscription.isEmpty()) {
            return "SKIPPED: unsubscribed meanwhile";
        }
        Subscription s = subscription.get();
        Optional<Member> member = directory.member(s.memberId());
        if (member.isPresent() && !access.canRead(member.get(), ChannelAddress.parse(notice.channel()), notice.messageId())) {
            return "SKIPPED: " + s.memberId() + " may not read this message of " + notice.channel() + " (now)";
        }
        Optional<ChannelAddress> target;
        try {
            target = member.flatMap(m -> targets.of(m, s.method()));
        } catch (IllegalArgumentException malformed) {
            // runs in the accepting transaction: one member's bad address must not refuse the message
            return "SKIPPED: " + s.memberId() + "'s address for " + s.method().id() + " is malformed: "
                    + malformed.getMessage();
        }
        if (target.isEmpty()) {
            return "SKIPPED: " + s.memberId() + " has no address for " + s.method().id();
        }
        String id = OutgoingMessage.idFor(notice.messageId(), "notify/" + s.id());
        String text = s.method() == Subscription.Method.MAIL || Subscription.Method.MAIL.kind().equals(target.get().kind())
                ? notice.author() + " wrote on " + notice.channel() + " at " + TIME.format(notice.receivedAt())
                        + ":\n\n" + notice.text()
                : "[" + notice.channel() + "] " + notice.author() + ": " + notice.text();
        var outgoing = new OutgoingMessage(id, notice.messageId(), ChannelAddress.parse(notice.channel()),
                notice.sender(), notice.senderName(), text)
                .withSubject(notice.channel() + ": " + notice.author())
                .withUnsubscribeUrl(links.url(List.of(s.id())));
        return outbox.send(target.get(), outgoing).summary();
    }

    private String authorId(String sender) {
        if (sender == null) {
            return null;
        }
        if (directory.member(sender).isPresent()) {
            return sender;
        }
        String bare = sender.contains("/") ? sender.substring(0, sender.indexOf('/')) : sender;
        return bare.contains("@") ? directory.memberByXmpp(bare).map(Member::id).orElse(sender) : sender;
    }
}

package dev.crosspost.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.crosspost.member.Member;
import dev.crosspost.member.XmppAddressChanged;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.xmpp.presence.Presence;
import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscribing and unsubscribing, for the page, the API and the bot's {@code !subscribe} commands. Refusals
 * are {@link dev.crosspost.refusal.Refusal}s whose message tells the member what to do.
 */
@Service
public class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriptionStore store;
    private final ChannelAccess access;
    private final ObjectProvider<Presence> presence;

    SubscriptionService(SubscriptionStore store, ChannelAccess access, ObjectProvider<Presence> presence) {
        this.store = store;
        this.access = access;
        this.presence = presence;
    }

    public List<Subscription> of(Member member) {
        return store.ofMember(member.id());
    }

    @Transactional
    public Subscription subscribe(Member member, String channelAddress, String method, String interval) {
        ChannelAddress channel = parse(channelAddress);
        Subscription.Method how = method == null ? Subscription.Method.MAIL : Subscription.Method.parse(method);
        Subscription.Interval when = Subscription.Interval.parse(interval == null ? "immediate" : interval);
        access.refusal(member, channel).ifPresent(refusal -> {
            throw refusal;
        });
        String missing = switch (how) {
            case MAIL -> member.email() == null || member.email().isBlank() ? "e-mail address" : null;
            case SMS -> member.phone() == null ? "phone number" : null;
            case XMPP -> member.xmpp() == null ? "XMPP address" : null;
        };
        if (missing != null) {
            throw new Invalid("your profile has no " + missing + " for " + how.id()
                    + " notifications; add it first");
        }
        if (store.find(member.id(), channel.toString(), how).isPresent()) {
            throw new Conflict("you already follow " + channel + " by " + how.id()
                    + "; unsubscribe first to change how often");
        }
        var subscription = new Subscription(UUID.randomUUID().toString(), member.id(), channel.toString(), how, when,
                Instant.now());
        try {
            store.insert(subscription);
        } catch (DuplicateKeyException raced) {
            throw new Conflict("you already follow " + channel + " by " + how.id());
        }
        log.info("subscription {}: {} follows {} by {} ({})", subscription.id(), member.id(), channel, how.id(),
                when.id());
        if (how == Subscription.Method.XMPP) {
            // So that the member's "when I am offline" setting can be followed: their client must approve.
            presence.ifAvailable(p -> p.watch(member.xmpp()));
        }
        return subscription;
    }

    /** A member with XMPP notifications moved to another address: the bot asks for the presence there. */
    @EventListener
    public void xmppAddressChanged(XmppAddressChanged changed) {
        if (store.ofMember(changed.memberId()).stream().anyMatch(s -> s.method() == Subscription.Method.XMPP)) {
            presence.ifAvailable(p -> p.watch(changed.xmpp()));
        }
    }

    /** Ends one of the member's own subscriptions; someone else's is reported as not found. */
    @Transactional
    public Subscription unsubscribe(Member member, String id) {
        Subscription s = store.find(id).filter(found -> found.memberId().equals(member.id()))
                .orElseThrow(() -> new NotFound("you have no subscription '" + id + "'"));
        store.delete(s.id());
        log.info("subscription {} ended by {}", s.id(), member.id());
        return s;
    }

    /** Ends the member's subscriptions to a channel (every method); for the bot's {@code !unsubscribe}. */
    @Transactional
    public List<Subscription> unsubscribeChannel(Member member, String channelAddress) {
        String channel = parse(channelAddress).toString();
        List<Subscription> ended = store.ofMember(member.id()).stream().filter(s -> s.channel().equals(channel))
                .toList();
        ended.forEach(s -> store.delete(s.id()));
        return ended;
    }

    /** Ends subscriptions named by a verified unsubscribe link; returns those that still existed. */
    @Transactional
    List<Subscription> unsubscribeByLink(List<String> ids) {
        List<Subscription> ended = ids.stream().flatMap(id -> store.find(id).stream()).toList();
        ended.forEach(s -> {
            store.delete(s.id());
            log.info("subscription {} of {} ended by its unsubscribe link", s.id(), s.memberId());
        });
        return ended;
    }

    private static ChannelAddress parse(String address) {
        try {
            return ChannelAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }
}

package dev.crosspost.subscription;

import java.util.List;

import dev.crosspost.member.Member;
import org.springframework.stereotype.Component;

/**
 * {@link Subscriptions} for other adapters (the chat bot): the same rules as the page and the API, and the
 * same refusals ({@link dev.crosspost.refusal.Refusal}, an {@link IllegalArgumentException}) for the bot to
 * word for chat.
 */
@Component
class SubscriptionsAdapter implements Subscriptions {

    private final SubscriptionService service;

    SubscriptionsAdapter(SubscriptionService service) {
        this.service = service;
    }

    @Override
    public List<Entry> of(Member member) {
        return service.of(member).stream().map(SubscriptionsAdapter::entry).toList();
    }

    @Override
    public Entry subscribe(Member member, String channel, String method, String interval) {
        return entry(service.subscribe(member, channel, method, interval));
    }

    @Override
    public List<Entry> unsubscribe(Member member, String channel) {
        return service.unsubscribeChannel(member, channel).stream().map(SubscriptionsAdapter::entry).toList();
    }

    private static Entry entry(Subscription s) {
        return new Entry(s.id(), s.channel(), s.method().id(), s.interval().id());
    }
}

package dev.crosspost.bot;

import dev.crosspost.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/** {@code !subscriptions}: what the member follows, how and how often. */
@Component
class SubscriptionsCommand implements BotCommand {

    private final Subscriptions subscriptions;

    SubscriptionsCommand(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "subscriptions";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public String help() {
        return "!subscriptions – the channels you follow";
    }

    @Override
    public String handle(Request request) {
        if (request.member().isEmpty()) {
            return "!subscriptions is for members; your address " + request.senderJid() + " is no member's.";
        }
        var entries = subscriptions.of(request.member().get());
        if (entries.isEmpty()) {
            return "You follow no channel. Try !subscribe shoutbox:<your team>.";
        }
        StringBuilder out = new StringBuilder("You follow:");
        entries.forEach(e -> out.append("\n").append(e.channel()).append(" by ").append(e.method()).append(", ")
                .append(e.interval()));
        return out.toString();
    }
}

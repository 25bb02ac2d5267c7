package dev.crosspost.bot;

import java.util.stream.Collectors;

import dev.crosspost.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/** {@code !unsubscribe <channel>}: stop every notification of a channel, whatever the method. */
@Component
class UnsubscribeCommand implements BotCommand {

    private final Subscriptions subscriptions;

    UnsubscribeCommand(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "unsubscribe";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public String help() {
        return "!unsubscribe <channel> – stop notifying me of a channel";
    }

    @Override
    public String handle(Request request) {
        if (request.member().isEmpty()) {
            return "!unsubscribe is for members; your address " + request.senderJid() + " is no member's.";
        }
        if (request.args().isEmpty() || request.args().contains(" ")) {
            return "Usage: " + help() + ", e.g. !unsubscribe shoutbox:team";
        }
        try {
            var ended = subscriptions.unsubscribe(request.member().get(), request.args());
            if (ended.isEmpty()) {
                return "You do not follow " + request.args() + ". Say !subscriptions to see what you follow.";
            }
            return "Unsubscribed from " + ended.get(0).channel() + " ("
                    + ended.stream().map(Subscriptions.Entry::method).collect(Collectors.joining(", ")) + ").";
        } catch (IllegalArgumentException refused) {
            return refused.getMessage() + ".";
        }
    }
}

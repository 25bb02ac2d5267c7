package dev.crosspost.bot;

import java.util.Locale;
import java.util.Set;

import dev.crosspost.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/**
 * {@code !subscribe <channel> [xmpp|mail|sms] [immediate|hourly|daily|weekly]}: follow a channel; by default
 * by XMPP (you are chatting) and immediately. Method and interval may come in either order.
 */
@Component
class SubscribeCommand implements BotCommand {

    private static final Set<String> METHODS = Set.of("xmpp", "mail", "sms");
    private static final Set<String> INTERVALS = Set.of("immediate", "hourly", "daily", "weekly");

    private final Subscriptions subscriptions;

    SubscribeCommand(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "subscribe";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public String help() {
        return "!subscribe <channel> [xmpp|mail|sms] [immediate|hourly|daily|weekly] – notify me of a channel, "
                + "e.g. !subscribe shoutbox:team mail daily";
    }

    @Override
    public String handle(Request request) {
        if (request.member().isEmpty()) {
            return "!subscribe is for members; your address " + request.senderJid() + " is no member's.";
        }
        String[] words = request.args().isEmpty() ? new String[0] : request.args().split("\\s+");
        if (words.length < 1 || words.length > 3) {
            return "Usage: " + help();
        }
        String method = "xmpp";
        String interval = "immediate";
        for (int i = 1; i < words.length; i++) {
            String word = words[i].toLowerCase(Locale.ROOT);
            if (METHODS.contains(word)) {
                method = word;
            } else if (INTERVALS.contains(word)) {
                interval = word;
            } else {
                return "'" + words[i] + "' is neither a method (xmpp, mail, sms) nor an interval "
                        + "(immediate, hourly, daily, weekly).";
            }
        }
        try {
            var entry = subscriptions.subscribe(request.member().get(), words[0], method, interval);
            return "Subscribed to " + entry.channel() + " by " + entry.method() + " ("
                    + (entry.interval().equals("immediate") ? "immediately" : entry.interval() + " digest") + ").";
        } catch (IllegalArgumentException refused) {
            return "Not subscribed: " + refused.getMessage() + ".";
        }
    }
}

package dev.crosspost.bot;

import java.util.TreeSet;

import org.springframework.stereotype.Component;

/** {@code !whoami}: which member the bot takes the sender for. */
@Component
class WhoamiCommand implements BotCommand {

    @Override
    public String name() {
        return "whoami";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public String help() {
        return "!whoami – which Crosspost member I take you for";
    }

    @Override
    public String handle(Request request) {
        return request.member()
                .map(m -> "You are " + m.name() + " (member " + m.id() + "), teams: "
                        + (m.teams().isEmpty() ? "none" : String.join(", ", new TreeSet<>(m.teams()))) + ".")
                .orElse("You write from " + request.senderJid() + ", which is no member's verified XMPP address. "
                        + "Put it on your Crosspost profile and tell me the code I send you: !verify CODE.");
    }
}

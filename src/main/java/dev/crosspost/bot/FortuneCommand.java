package dev.crosspost.bot;

import dev.crosspost.fortune.FortuneSource;
import org.springframework.stereotype.Component;

/** {@code !fortune}: a fortune, for anyone who asks, in the room or in a direct message. */
@Component
class FortuneCommand implements BotCommand {

    private final FortuneSource fortunes;

    FortuneCommand(FortuneSource fortunes) {
        this.fortunes = fortunes;
    }

    @Override
    public String name() {
        return "fortune";
    }

    @Override
    public String help() {
        return "!fortune – a fortune (Debian's fortune files, or Crosspost's own sayings)";
    }

    @Override
    public String handle(Request request) {
        return fortunes.next();
    }
}

package dev.crosspost.bot;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.crosspost.member.Member;
import dev.crosspost.xmpp.ChatCommands;
import org.springframework.stereotype.Component;

/**
 * The registry of {@link BotCommand}s, and {@code !help} listing them: the {@link ChatCommands} of the XMPP
 * adapter, which hands over every line said to the bot that starts with {@code !}.
 */
@Component
class BotCommands implements ChatCommands {

    static final String PREFIX = "!";

    private final Map<String, BotCommand> commands;

    BotCommands(List<BotCommand> commands) {
        this.commands = commands.stream()
                .collect(Collectors.toMap(c -> c.name().toLowerCase(Locale.ROOT), Function.identity()));
    }

    static boolean isCommand(String text) {
        return text != null && text.strip().startsWith(PREFIX) && text.strip().length() > 1;
    }

    @Override
    public boolean accepts(String text) {
        return isCommand(text);
    }

    @Override
    public boolean personal(String text) {
        BotCommand command = commands.get(name(text));
        return command != null && command.personal();
    }

    private static String name(String text) {
        String line = text.strip().substring(PREFIX.length());
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /** The bot's answer to a {@code !command} line. */
    @Override
    public String answer(String text, Optional<Member> member, String senderJid) {
        String line = text.strip().substring(PREFIX.length());
        int space = line.indexOf(' ');
        String name = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        if (name.equals("help")) {
            return help();
        }
        BotCommand command = commands.get(name);
        if (command == null) {
            return "I don't know the command !" + name + ". Say !help to see what I can do.";
        }
        return command.handle(new BotCommand.Request(member, senderJid, args));
    }

    String help() {
        StringBuilder out = new StringBuilder("Commands:\n!help – this list");
        commands.values().stream().sorted(Comparator.comparing(BotCommand::name))
                .forEach(c -> out.append('\n').append(c.help()));
        out.append("\n!post <team> text – (to me directly) put text on that team's shoutbox");
        out.append("\nAnything else you write to me directly goes to your team's shoutbox, if you are in one team.");
        out.append("\nIn a room, I answer !last, !whoami and the like privately.");
        return out.toString();
    }
}

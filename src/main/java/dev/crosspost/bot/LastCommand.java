package dev.crosspost.bot;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import dev.crosspost.member.Member;
import dev.crosspost.shoutbox.ShoutboxReader;
import dev.crosspost.message.Text;
import org.springframework.stereotype.Component;

/** {@code !last [n] [team]}: the newest shouts of the member's team shoutbox, oldest first. */
@Component
class LastCommand implements BotCommand {

    static final int DEFAULT = 5;
    static final int MAX = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final ShoutboxReader shoutboxes;

    LastCommand(ShoutboxReader shoutboxes) {
        this.shoutboxes = shoutboxes;
    }

    @Override
    public String name() {
        return "last";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public String help() {
        return "!last [n] [team] – the newest n (default " + DEFAULT + ", at most " + MAX + ") shouts of your team's shoutbox";
    }

    @Override
    public String handle(Request request) {
        if (request.member().isEmpty()) {
            return "!last is for members; your address " + request.senderJid() + " is no member's.";
        }
        Member member = request.member().get();
        String[] words = request.args().isEmpty() ? new String[0] : request.args().split("\\s+");
        int n = DEFAULT;
        Optional<String> team = Optional.empty();
        for (String word : words) {
            if (word.matches("\\d{1,4}")) {
                n = Integer.parseInt(word);
            } else {
                team = Optional.of(word);
            }
        }
        if (n < 1 || n > MAX) {
            return "!last takes a number from 1 to " + MAX + ", e.g. !last 5";
        }
        Optional<String> box = team.or(() -> member.teams().stream().filter(t -> !t.startsWith("camunda")).sorted().findFirst());
        if (box.isEmpty()) {
            return "You are in no team, so you have no shoutbox.";
        }
        if (!member.canAccessTeam(box.get())) {
            return "You are not a member of team " + box.get() + ".";
        }
        List<ShoutboxReader.ShoutLine> newest = shoutboxes.newest(box.get(), n);
        if (newest.isEmpty()) {
            return "The shoutbox of " + box.get() + " is empty.";
        }
        StringBuilder out = new StringBuilder("Last " + newest.size() + " on shoutbox " + box.get() + ":");
        for (int i = newest.size() - 1; i >= 0; i--) {
            var s = newest.get(i);
            out.append('\n').append(TIME.format(s.at())).append(' ').append(Text.oneEntry(s.authorName() + ": " + s.text()));
        }
        return out.toString();
    }
}

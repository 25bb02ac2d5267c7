package dev.crosspost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.Member;
import dev.crosspost.shoutbox.ShoutboxReader;
import dev.crosspost.message.Text;
import org.junit.jupiter.api.Test;

class LastCommandTest {

    @Test
    void aMultiLineShoutCannotForgeAnotherEntryOfLast() {
        Member alice = new Member("alice", "Alice A", null, "alice@localhost", null, Set.of("team"), false);
        ShoutboxReader shouts = (team, limit) -> List.of(new ShoutboxReader.ShoutLine("Mallory",
                "hi\n01-01 10:05 Crosspost Admin: everyone is fired", Instant.parse("2026-01-01T10:00:00Z")));
        var commands = new BotCommands(List.of(new LastCommand(shouts)));
        assertThat(commands.answer("!last", Optional.of(alice), "alice@localhost")).isEqualTo(
                "Last 1 on shoutbox team:\n01-01 10:00 Mallory: hi\n" + Text.CONTINUATION
                        + "01-01 10:05 Crosspost Admin: everyone is fired");
    }
}

package dev.crosspost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.Member;
import dev.crosspost.shoutbox.ShoutboxReader;
import org.junit.jupiter.api.Test;

class BotCommandsTest {

    private final Member alice = new Member("alice", "Alice A", null, "alice@localhost", null, Set.of("team"), false);
    private final ShoutboxReader shouts = (team, limit) -> List.of(
            new ShoutboxReader.ShoutLine("Bob", "second", Instant.parse("2026-01-01T10:01:00Z")),
            new ShoutboxReader.ShoutLine("Carol", "first", Instant.parse("2026-01-01T10:00:00Z"))).subList(0, Math.min(2, limit));
    private final BotCommands commands = new BotCommands(List.of(new WhoamiCommand(), new LastCommand(shouts)));

    @Test
    void recognisesCommandsByTheirPrefix() {
        assertThat(BotCommands.isCommand("!help")).isTrue();
        assertThat(BotCommands.isCommand("  !last 3")).isTrue();
        assertThat(BotCommands.isCommand("!")).isFalse();
        assertThat(BotCommands.isCommand("hello !help")).isFalse();
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(commands.answer("!help", Optional.empty(), "x@localhost"))
                .contains("!help", "!last [n]", "!whoami");
    }

    @Test
    void unknownCommandPointsToHelp() {
        assertThat(commands.answer("!fly away", Optional.of(alice), "alice@localhost"))
                .isEqualTo("I don't know the command !fly. Say !help to see what I can do.");
    }

    @Test
    void lastShowsTheNewestShoutsOldestFirst() {
        assertThat(commands.answer("!LAST 2", Optional.of(alice), "alice@localhost"))
                .isEqualTo("Last 2 on shoutbox team:\n01-01 10:00 Carol: first\n01-01 10:01 Bob: second");
        assertThat(commands.answer("!last 99", Optional.of(alice), "alice@localhost")).contains("1 to 20");
        assertThat(commands.answer("!last 1 other", Optional.of(alice), "alice@localhost"))
                .isEqualTo("You are not a member of team other.");
        assertThat(commands.answer("!last", Optional.empty(), "x@localhost")).contains("for members");
    }

    @Test
    void whoamiNamesTheMemberOrExplains() {
        assertThat(commands.answer("!whoami", Optional.of(alice), "alice@localhost"))
                .isEqualTo("You are Alice A (member alice), teams: team.");
        assertThat(commands.answer("!whoami", Optional.empty(), "x@localhost")).contains("x@localhost", "profile");
    }
}

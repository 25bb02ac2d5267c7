package dev.crosspost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FortuneCommandTest {

    private final BotCommands commands = new BotCommands(List.of(new WhoamiCommand(),
            new FortuneCommand(() -> "A stitch in time saves nine.")));

    @Test
    void fortuneTellsAFortuneToAnyone() {
        assertThat(commands.answer("!fortune", Optional.empty(), "stranger@localhost"))
                .isEqualTo("A stitch in time saves nine.");
        assertThat(commands.answer("  !FORTUNE please", Optional.empty(), "x@localhost"))
                .isEqualTo("A stitch in time saves nine.");
        assertThat(commands.answer("!help", Optional.empty(), "x@localhost")).contains("!fortune");
    }
}

package dev.crosspost.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.XmppPerson;
import dev.crosspost.xmpp.XmppITSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code !fortune} against a real Prosody: the bot answers with a fortune from Debian's files, once. */
class FortuneCommandIT extends XmppITSupport {

    private static final String BOT = ProsodyServer.jid(ProsodyServer.BOT);
    private static final Path FORTUNES = Path.of("/usr/share/games/fortunes");

    @BeforeEach
    void botIsInTheTeamRoom() {
        awaitBotInTeamRoom();
    }

    @Test
    void fortuneIsAnsweredInADirectMessageAndInTheRoom() {
        long routed = accepted("xmpp-direct:bot") + accepted("xmpp-room:" + TEAM_ROOM);
        try (var erin = XmppPerson.login("erin")) {
            erin.tell(BOT, "!fortune");
            await().atMost(DELIVERY).until(() -> erin.directMessages().size() == 1);
            assertThat(erin.directMessages().get(0)).satisfies(FortuneCommandIT::isADebianFortune);

            erin.join(TEAM_ROOM, 0);
            erin.say(TEAM_ROOM, "!fortune");
            await().atMost(DELIVERY).until(() -> erin.lines(TEAM_ROOM).stream()
                    .anyMatch(l -> l.nickname().equals("crosspost")));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> erin.lines(TEAM_ROOM).stream()
                    .filter(l -> l.nickname().equals("crosspost")).count() == 1);
            var answer = erin.lines(TEAM_ROOM).stream().filter(l -> l.nickname().equals("crosspost")).findFirst()
                    .orElseThrow();
            isADebianFortune(answer.text());
            assertThat(erin.directMessages()).hasSize(1);
        }
        // commands are answered, not routed
        assertThat(accepted("xmpp-direct:bot") + accepted("xmpp-room:" + TEAM_ROOM)).isEqualTo(routed);
    }

    /** The text is one entry of the installed fortune files (fortunes-min), not an error or help text. */
    private static void isADebianFortune(String text) {
        assertThat(text).isNotBlank().doesNotContain("!help");
        try (Stream<Path> files = Files.list(FORTUNES)) {
            assertThat(files.filter(f -> !f.toString().endsWith(".dat")).anyMatch(f -> contains(f, text)))
                    .as("'%s' is in %s", text, FORTUNES).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void isFoundInsideTheLineTheRoomShows() {
        var token = new Token("m3x9k2", "r2", 41);

        assertThat(Token.find("[team] Administrator: bench " + token)).contains(token);
    }

    @Test
    void isFoundInAShoutOnTheLiveStream() {
        assertThat(Token.find("data:{\"id\":\"a-b\",\"text\":\"bench tok:abc:room:7\",\"origin\":\"xmpp-room:x\"}"))
                .contains(new Token("abc", "room", 7));
    }

    @Test
    void linesWithoutATokenAreNotBenchmarkLines() {
        assertThat(Token.find("Crosspost is here: say !help")).isEmpty();
        assertThat(Token.find(null)).isEmpty();
        assertThat(Token.find("tok:ABC:r1:1")).isEmpty();
    }

    @Test
    void refusesPartsThatCouldNotBeParsedBack() {
        assertThatThrownBy(() -> new Token("a:b", "r1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Token("ab", "r1", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

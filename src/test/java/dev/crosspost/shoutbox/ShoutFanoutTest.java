package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** What a node does with a new shout's notification: reads it back only for a shoutbox one of its browsers watches. */
class ShoutFanoutTest {

    private final List<String> read = new ArrayList<>();
    private final Function<String, Optional<Shout>> find = id -> {
        read.add(id);
        return Optional.of(new Shout(id, "team", "alice", "Alice", "hello", Instant.now(), null, null, null, id));
    };

    private static ShoutStream stream() {
        var stream = new ShoutStream(null, new ShoutboxProperties(4000, 50, 500, 5, null, Duration.ofMinutes(15)));
        stream.start();
        return stream;
    }

    @Test
    void aShoutOfABoxNobodyHereWatchesIsNotReadBack() {
        ShoutFanout.heard("added team 7f1c", stream(), find);
        ShoutFanout.heard("edited team 7f1c", stream(), find);

        assertThat(read).isEmpty();
    }

    @Test
    void aShoutOfAWatchedBoxIsReadBackOnce() {
        var stream = stream();
        stream.open("team", "bob");

        ShoutFanout.heard("added team 7f1c", stream, find);
        ShoutFanout.heard("added other 9a2b", stream, find);

        assertThat(read).containsExactly("7f1c");
    }

    @Test
    void anEditOfAWatchedBoxIsReadBackAndATeamNamedLikeANoticeIsNoNotice() {
        var stream = stream();
        stream.open("edited", "bob");

        ShoutFanout.heard("edited edited 7f1c", stream, find);
        ShoutFanout.heard("added edited 9a2b", stream, find);
        ShoutFanout.heard("deleted edited 9a2b", stream, find);

        assertThat(read).containsExactly("7f1c", "9a2b");
    }

    @Test
    void anEarlierVersionsNoticeOfTheIdAloneIsStillReadBack() {
        ShoutFanout.heard("7f1c", stream(), find);

        assertThat(read).containsExactly("7f1c");
    }
}

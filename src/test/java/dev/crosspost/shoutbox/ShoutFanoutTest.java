package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThat;

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
        return Optional.of(new Shout(id, "team", "alice", "Alice", "hello", Instant.now(), null));
    };

    private static ShoutStream stream() {
        var stream = new ShoutStream(null, new ShoutboxProperties(4000, 50, 500, 5, null));
        stream.start();
        return stream;
    }

    @Test
    void aShoutOfABoxNobodyHereWatchesIsNotReadBack() {
        ShoutFanout.heard("team 7f1c", stream(), find);

        assertThat(read).isEmpty();
    }

    @Test
    void aShoutOfAWatchedBoxIsReadBackOnce() {
        var stream = stream();
        stream.open("team", "bob");

        ShoutFanout.heard("team 7f1c", stream, find);
        ShoutFanout.heard("other 9a2b", stream, find);

        assertThat(read).containsExactly("7f1c");
    }

    @Test
    void anEarlierVersionsNoticeOfTheIdAloneIsStillReadBack() {
        ShoutFanout.heard("7f1c", stream(), find);

        assertThat(read).containsExactly("7f1c");
    }
}

package dev.crosspost.cluster;

import java.time.Instant;

/** For tests that build a bot session by hand: this node holds the bot, from the moment one subscribes. */
public final class SoleLeader implements Leadership {

    @Override
    public boolean leads() {
        return true;
    }

    @Override
    public void subscribe(Listener listener) {
        listener.elected();
    }

    @Override
    public Status status() {
        return new Status("test", Role.LEADER, "test", Instant.EPOCH, 0);
    }
}

package dev.crosspost.bench;

import java.util.List;

import dev.crosspost.support.ProsodyServer;

/**
 * The benchmark's Prosody: the tests' server ({@link ProsodyServer}, the repository's test config on a free loopback
 * port) with the harness's users besides: a listener and a speaker in the room, and the soak's writer of direct
 * messages. The listener and the speaker are exempt from {@code mod_limits} like the bot, so what is measured is
 * Crosspost and the room, not the per-user throttle (about 20-30 lines/s) of an ordinary account.
 */
final class BenchProsody {

    static final String TEAM_ROOM = "team@conference.localhost";
    static final String LISTENER = "benchlistener";
    static final String SPEAKER = "benchspeaker";
    /** The soak's person writing to the bot: an ordinary account (limited like anyone's). */
    static final String WRITER = "benchdm";
    private static final String EXEMPT = "unlimited_jids = { \"bot@localhost\" }";

    private BenchProsody() {
    }

    static ProsodyServer start() {
        return ProsodyServer.startNew(config -> {
            if (!config.contains(EXEMPT)) {
                throw new IllegalStateException("the test Prosody config no longer has the line '" + EXEMPT
                        + "'; update BenchProsody");
            }
            return config.replace(EXEMPT, "unlimited_jids = { \"bot@localhost\", \"" + LISTENER + "@localhost\", \""
                    + SPEAKER + "@localhost\" }");
        }, List.of(LISTENER, SPEAKER, WRITER));
    }
}

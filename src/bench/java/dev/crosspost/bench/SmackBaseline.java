package dev.crosspost.bench;

import java.time.Duration;

import dev.crosspost.support.ProsodyServer;

/**
 * The room's own limit: a bare Smack client says lines in the room and another hears them, with no Crosspost in
 * between. A burst (as fast as the client can send) gives throughput; a paced run gives latency.
 */
final class SmackBaseline {

    private SmackBaseline() {
    }

    record Result(String room, long burstSent, long burstHeard, double burstPerSecond, long pacedSent, long pacedHeard,
                  double pacedRate, Ledger.Latency pacedLatency) {
    }

    static Result run(ProsodyServer prosody, String roomJid, Ledgers ledgers, long burstLines, double pacedRate,
                      double pacedSeconds, Duration drain) throws Exception {
        try (var listener = RoomClient.join(prosody.port(), BenchProsody.LISTENER, roomJid, "bench-ears", ledgers::heard);
             var speaker = RoomClient.join(prosody.port(), BenchProsody.SPEAKER, roomJid, "bench-mouth", (l, n) -> { })) {
            Ledger burst = ledgers.open("burst");
            for (long i = 0; i < burstLines; i++) {
                long now = System.nanoTime();
                burst.due(i, now, now);
                speaker.say("baseline " + ledgers.token("burst", i));
                burst.answered(i, 200, now);
            }
            Drain.await(burst, drain);
            var b = burst.tally();

            Ledger paced = ledgers.open("paced");
            OpenLoop.run(pacedRate, OpenLoop.count(pacedRate, pacedSeconds), (seq, due) -> {
                paced.due(seq, due, System.nanoTime());
                speaker.say("baseline " + ledgers.token("paced", seq));
                paced.answered(seq, 200, System.nanoTime());
            });
            Drain.await(paced, drain);
            var p = paced.tally();
            return new Result(roomJid, b.sent(), b.delivered(), b.deliveredPerSecond(), p.sent(), p.delivered(),
                    pacedRate, p.delivery());
        }
    }
}

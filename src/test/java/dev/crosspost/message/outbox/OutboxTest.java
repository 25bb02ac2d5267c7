package dev.crosspost.message.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.Delivery;
import dev.crosspost.message.DeliveryRefused;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.SendCap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox with its dispatcher on a real (H2) database and fake ports. */
class OutboxTest {

    private static final ChannelAddress ROOM = ChannelAddress.parse("xmpp-room:team@conference.localhost");
    private static final ChannelAddress MAIL = ChannelAddress.parse("mail:bob@example.org");

    private OutboxFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static OutgoingMessage message(String id, String text) {
        return new OutgoingMessage(id, "m-" + id, ChannelAddress.parse("shoutbox:team"), "alice", "Alice", text);
    }

    private String lastError(String id) {
        return fixture.jdbc().sql("select last_error from crosspost.outbox where id = ?").param(id).query(String.class)
                .single();
    }

    /** What a hand-back sets on a row. */
    private record Row(long seq, String status, int attempts, String leaseOwner, Instant nextAttemptAt) {
    }

    private Row row(String id) {
        return fixture.jdbc().sql("select seq, status, attempts, lease_owner, next_attempt_at from crosspost.outbox"
                        + " where id = ?").param(id)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .single();
    }

    @Test
    void aSendIsARowOfTheCallersTransactionAndLeavesAfterItCommits() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);

        Delivery delivery = fixture.tx().execute(status -> {
            Delivery queued = fixture.outbox().send(ROOM, message("o-1", "hello"));
            assertThat(port.attempts).as("nothing leaves before the commit").isEmpty();
            return queued;
        });

        assertThat(delivery.status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(delivery.summary()).isEqualTo("QUEUED to " + ROOM + " (send o-1)");
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(port.texts()).containsExactly("hello");
    }

    @Test
    void aRolledBackTransactionSendsNothing() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);

        fixture.tx().executeWithoutResult(status -> {
            fixture.outbox().send(ROOM, message("o-1", "never"));
            status.setRollbackOnly();
        });

        assertThat(fixture.rows()).isZero();
        fixture.dispatcher().poll();
        assertThat(port.attempts).isEmpty();
    }

    @Test
    void neverSendsBackToTheOriginAndSkipsUnknownKindsAndSwitchedOffPortsWithoutARow() {
        var port = FakePort.confirming("shoutbox");
        fixture = OutboxFixture.of(port);

        var back = fixture.outbox().send(ChannelAddress.parse("shoutbox:team"), message("o-1", "x"));
        var fax = fixture.outbox().send(ChannelAddress.parse("fax:123"), message("o-2", "x"));

        assertThat(back.status()).isEqualTo(Delivery.Status.SKIPPED);
        assertThat(back.reason()).contains("came from this channel");
        assertThat(fax.summary()).isEqualTo("SKIPPED (fax:123): no adapter sends to channels of kind 'fax'");
        assertThat(fixture.rows()).isZero();
        assertThat(port.attempts).isEmpty();
    }

    @Test
    void aSwitchedOffPortIsSkippedWithItsReason() {
        var off = new FakePort("sms", 1, false) {
            @Override
            public String unavailableReason() {
                return "SMS is switched off";
            }
        };
        fixture = OutboxFixture.of(off);

        var delivery = fixture.outbox().send(ChannelAddress.parse("sms:+15551234567"), message("o-1", "x"));

        assertThat(delivery.summary()).isEqualTo("SKIPPED (sms:+15551234567): SMS is switched off");
        assertThat(fixture.rows()).isZero();
    }

    @Test
    void aLocalPortRunsAtOnceInTheCallersThreadWithoutARow() {
        var local = new FakePort("shoutbox", 1, false) {
            @Override
            public boolean local() {
                return true;
            }
        };
        fixture = OutboxFixture.of(local);

        var delivery = fixture.outbox().send(ChannelAddress.parse("shoutbox:other"), message("o-1", "x"));

        assertThat(delivery.summary()).isEqualTo("SENT to shoutbox:other");
        assertThat(local.attempts).hasSize(1);
        assertThat(fixture.rows()).isZero();
    }

    @Test
    void theSameIdTwiceIsOneRowAndOneSend() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);

        fixture.outbox().send(ROOM, message("o-1", "once"));
        var again = fixture.outbox().send(ROOM, message("o-1", "once"));

        assertThat(again.status()).isEqualTo(Delivery.Status.QUEUED);
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(fixture.rows()).isEqualTo(1);
        assertThat(port.attempts).hasSize(1);
    }

    @Test
    void aTargetWithWindowOneGetsOneSendAtATimeInOutboxOrder() throws Exception {
        var port = FakePort.held("xmpp-room", 1);
        fixture = OutboxFixture.of(port);

        for (int i = 1; i <= 3; i++) {
            fixture.outbox().send(ROOM, message("o-" + i, "line " + i));
        }

        for (int i = 1; i <= 3; i++) {
            var inFlight = port.open.take();
            assertThat(port.open).as("nothing else in flight").isEmpty();
            assertThat(port.texts()).last().isEqualTo("line " + i);
            inFlight.complete(null);
        }
        await().until(() -> "SENT".equals(fixture.status("o-3")));
        assertThat(port.texts()).containsExactly("line 1", "line 2", "line 3");
    }

    @Test
    void aWiderWindowHasThatManySendsInFlight() {
        var port = FakePort.held("xmpp-room", 2);
        fixture = OutboxFixture.of(port);

        for (int i = 1; i <= 3; i++) {
            fixture.outbox().send(ROOM, message("o-" + i, "line " + i));
        }

        await().until(() -> port.open.size() == 2);
        assertThat(port.texts()).containsExactly("line 1", "line 2");
        port.open.poll().complete(null);
        await().until(() -> port.texts().size() == 3);
        port.open.forEach(f -> f.complete(null));
        await().until(() -> "SENT".equals(fixture.status("o-3")));
    }

    @Test
    void anOutageIsRetriedWithItsErrorOnTheRowAndTheLaneKeepsItsOrder() {
        var port = FakePort.confirming("mail");
        port.failNext.set(2);
        fixture = OutboxFixture.with(Duration.ofMinutes(5), port);

        fixture.outbox().send(MAIL, message("o-1", "first"));
        fixture.outbox().send(MAIL, message("o-2", "second"));

        await().until(() -> "SENT".equals(fixture.status("o-2")));
        assertThat(fixture.status("o-1")).isEqualTo("SENT");
        assertThat(port.texts()).containsExactly("first", "first", "first", "second");
        assertThat(lastError("o-1")).contains("server down");
        // before each resend the port is asked whether the failed attempt arrived after all
        assertThat(port.askedWhetherArrived).containsExactly("o-1", "o-1");
    }

    @Test
    void aRefusalGoesFailedAtOnceWithoutRetryOrIncident() {
        var port = FakePort.confirming("sms");
        port.failNext.set(1);
        port.failure = new DeliveryRefused("the SMS gateway refused: 400 bad number");
        fixture = OutboxFixture.of(port);

        fixture.outbox().send(ChannelAddress.parse("sms:+1"), message("o-1", "x"));

        await().until(() -> "FAILED".equals(fixture.status("o-1")));
        assertThat(port.attempts).hasSize(1);
        assertThat(lastError("o-1")).contains("400 bad number");
        assertThat(fixture.ranOut()).isEmpty();
    }

    @Test
    void whenRetriesRunOutTheRowFailsAnIncidentIsRaisedAndResendDelivers() {
        var port = FakePort.confirming("mail");
        port.failNext.set(Integer.MAX_VALUE);
        fixture = OutboxFixture.with(Duration.ofMillis(200), port);

        fixture.outbox().send(MAIL, message("o-1", "x"));

        await().until(() -> "FAILED".equals(fixture.status("o-1")));
        assertThat(fixture.ranOut()).singleElement().satisfies(f -> {
            assertThat(f.outboxId()).isEqualTo("o-1");
            assertThat(f.messageId()).isEqualTo("m-o-1");
            assertThat(f.target()).isEqualTo(MAIL);
            assertThat(f.error()).contains("server down");
        });
        assertThatThrownBy(() -> fixture.outbox().resend("o-1", true)).hasMessageContaining("server down");

        port.failNext.set(0);
        assertThat(fixture.outbox().resend("o-1", true).summary()).isEqualTo("SENT to " + MAIL);
        assertThat(fixture.status("o-1")).isEqualTo("SENT");
    }

    @Test
    void aRetryOnANodeThatDoesNotSendTheKindHandsTheRowBackInItsPlaceAndTheNodeThatDoesSendsIt() {
        var port = FakePort.confirming("xmpp-room");
        port.failNext.set(Integer.MAX_VALUE);
        fixture = OutboxFixture.with(Duration.ofMillis(200), port);
        fixture.outbox().send(ROOM, message("o-1", "retried line"));
        await().until(() -> "FAILED".equals(fixture.status("o-1")));
        Row failed = row("o-1");
        port.sendsHere = false; // the chat session is on another node now
        port.failNext.set(0);
        int attempts = port.attempts.size();

        Delivery delivery = fixture.tx().execute(status -> fixture.outbox().resend("o-1", true));

        assertThat(delivery.status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(delivery.summary())
                .isEqualTo("QUEUED to " + ROOM + " (send o-1): handed to the node that holds the chat session");
        assertThat(row("o-1")).isEqualTo(new Row(failed.seq(), "PENDING", 0, null, null));
        fixture.dispatcher().poll();
        assertThat(port.attempts).as("nothing is sent on this node").hasSize(attempts);
        assertThat(fixture.outbox().resend("o-1", true).status()).as("a second Retry changes nothing")
                .isEqualTo(Delivery.Status.QUEUED);
        assertThat(row("o-1")).isEqualTo(new Row(failed.seq(), "PENDING", 0, null, null));

        port.sendsHere = true; // the fixture's one dispatcher now stands for the node that holds the session
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(port.texts()).hasSize(attempts + 1).last().isEqualTo("retried line");
        assertThat(port.askedWhetherArrived).as("taken over: the room is asked first").contains("o-1");
        assertThat(fixture.ranOut()).as("no new incident").hasSize(1);
    }

    @Test
    void aRetryWhileTheRowIsPendingAgainLeavesItToItsLaneWhichSaysItOnce() {
        // the soak's case: a Retry (of an older incident) runs on the node that sends the kind while the row, handed
        // back, is being sent by its lane; the room must hear it once
        var port = FakePort.held("xmpp-room", 1);
        fixture = OutboxFixture.of(port);
        fixture.outbox().send(ROOM, message("o-1", "one line"));
        await().until(() -> port.attempts.size() == 1); // on its way, not yet confirmed: the row is PENDING

        var retry = CompletableFuture.supplyAsync(() -> fixture.outbox().resend("o-1", true));

        Delivery delivery = await().atMost(Duration.ofSeconds(5)).until(() -> retry.getNow(null), d -> d != null);
        assertThat(delivery.summary()).isEqualTo("QUEUED to " + ROOM
                + " (send o-1): still in the outbox, which sends it in its turn");
        assertThat(port.attempts).as("not sent a second time").hasSize(1);
        port.open.remove().complete(null);
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(port.texts()).containsExactly("one line");
    }

    @Test
    void aHandedBackSendThatFailsAgainIsFailedAndANewIncident() {
        var port = FakePort.confirming("xmpp-room");
        port.failNext.set(Integer.MAX_VALUE);
        fixture = OutboxFixture.with(Duration.ofMillis(200), port);
        fixture.outbox().send(ROOM, message("o-1", "x"));
        await().until(() -> "FAILED".equals(fixture.status("o-1")));
        port.sendsHere = false;

        fixture.outbox().resend("o-1", true);
        port.sendsHere = true; // still down on the node that holds the session

        await().until(() -> fixture.ranOut().size() == 2);
        assertThat(fixture.status("o-1")).isEqualTo("FAILED");
        assertThat(fixture.ranOut().get(1).outboxId()).isEqualTo("o-1");
    }

    @Test
    void theFirstRunOfTheIncidentJobOnANodeThatDoesNotSendTheKindFailsAndLeavesTheRowFailed() {
        var port = FakePort.confirming("xmpp-room");
        port.failNext.set(Integer.MAX_VALUE);
        fixture = OutboxFixture.with(Duration.ofMillis(200), port);
        fixture.outbox().send(ROOM, message("o-1", "x"));
        await().until(() -> "FAILED".equals(fixture.status("o-1")));
        port.sendsHere = false;
        int attempts = port.attempts.size();

        assertThatThrownBy(() -> fixture.outbox().resend("o-1", false)).isInstanceOf(ChannelOutage.class)
                .hasMessageContaining("Retry hands the send to that node");

        assertThat(fixture.status("o-1")).isEqualTo("FAILED");
        assertThat(port.attempts).hasSize(attempts);
    }

    @Test
    void rowsNobodyHoldsAreTakenOverAndCheckedBeforeTheyAreSentAgain() {
        var port = FakePort.confirming("xmpp-room");
        port.arrivedBefore.add("o-1");
        fixture = OutboxFixture.of(port);
        Instant past = Instant.now().minusSeconds(60);
        // written by a node that died: its lease ran out
        fixture.store().insert(ROOM, message("o-1", "said before the crash"), "dead-node", past, past);
        fixture.store().insert(ROOM, message("o-2", "not said yet"), "dead-node", past, past);

        await().until(() -> "SENT".equals(fixture.status("o-2")));
        assertThat(fixture.status("o-1")).isEqualTo("SENT");
        assertThat(port.texts()).containsExactly("not said yet");
        assertThat(port.askedWhetherArrived).containsExactly("o-1", "o-2");
    }

    @Test
    void afterACrashOnlyTheRowsTheDeadNodeHeldAreCheckedEachSinceItWasWritten() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);
        Instant written = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        // the dead node held this one: it may have said it
        fixture.store().insert(ROOM, message("o-1", "held by the dead node"), "dead-node", written, written);
        // a node that does not send to rooms wrote this one for the dead holder: nobody held it, nobody tried it
        Instant later = written.plusSeconds(1);
        fixture.store().insert(ROOM, message("o-2", "never held"), null, later, later);

        await().until(() -> "SENT".equals(fixture.status("o-2")));
        assertThat(port.texts()).containsExactly("held by the dead node", "never held");
        assertThat(port.askedWhetherArrived).containsExactly("o-1");
        // the room's archive is asked from when the row was written (no attempt came before), not from its start
        assertThat(port.askedSince).containsExactly(Map.entry("o-1", written));
    }

    @Test
    void aNewRowWaitsForOlderRowsOfItsTargetThatADeadNodeStillHolds() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);
        // written by a node that just died: its lease runs a little longer
        fixture.store().insert(ROOM, message("o-1", "accepted before the crash"), "dead-node",
                Instant.now().plusMillis(300), Instant.now());

        fixture.outbox().send(ROOM, message("o-2", "accepted after the restart"));

        await().until(() -> "SENT".equals(fixture.status("o-2")));
        assertThat(port.texts()).containsExactly("accepted before the crash", "accepted after the restart");
    }

    @Test
    void rowsTakenOverFirstDoNotLetNewerRowsOvertakeTheDeadNodesRowsWhoseLeaseRunsLonger() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);
        Instant past = Instant.now().minusSeconds(60);
        // the dead node's rows: its lease on the older ones ran out, on the newer ones it runs a little longer
        fixture.store().insert(ROOM, message("o-1", "before the crash 1"), "dead-node", past, past);
        fixture.store().insert(ROOM, message("o-2", "before the crash 2"), "dead-node", Instant.now().plusMillis(500),
                Instant.now());
        await().until(() -> "SENT".equals(fixture.status("o-1"))); // taken over, its lane exists

        fixture.outbox().send(ROOM, message("o-3", "after the restart"));

        await().until(() -> "SENT".equals(fixture.status("o-3")));
        assertThat(port.texts()).containsExactly("before the crash 1", "before the crash 2", "after the restart");
    }

    @Test
    void aRowHeldByALiveNodeIsLeftToIt() {
        var port = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.of(port);
        fixture.store().insert(ROOM, message("o-1", "x"), "other-node", Instant.now().plusSeconds(60), Instant.now());

        fixture.dispatcher().poll();

        assertThat(port.attempts).isEmpty();
        assertThat(fixture.status("o-1")).isEqualTo("PENDING");
    }

    /** Processes the test names: those in {@code ended} have ended; this process is {@code "p-self"}. */
    private static NodeProcesses processes(Set<String> ended) {
        return new NodeProcesses() {
            @Override
            public Optional<String> self() {
                return Optional.of("p-self");
            }

            @Override
            public boolean ended(String identity) {
                return ended.contains(identity);
            }
        };
    }

    private List<String> recordedNodes() {
        return fixture.jdbc().sql("select process from crosspost.outbox_node order by process").query(String.class)
                .list();
    }

    @Test
    void theSendsOfANodeWhoseProcessHasEndedAreTakenOverAtOnceAndCheckedFirst() {
        var port = FakePort.confirming("xmpp-room");
        port.arrivedBefore.add("o-1");
        fixture = OutboxFixture.watching(processes(Set.of("p-dead")), port);
        fixture.store().saveNode("dead-node", "p-dead", Instant.now());
        // held by a node killed a moment ago: their lease runs for an hour more
        Instant hour = Instant.now().plus(Duration.ofHours(1));
        fixture.store().insert(ROOM, message("o-1", "said before the kill"), "dead-node", hour, Instant.now());
        fixture.store().insert(ROOM, message("o-2", "not said yet"), "dead-node", hour, Instant.now());

        await().until(() -> "SENT".equals(fixture.status("o-2")));
        assertThat(fixture.status("o-1")).isEqualTo("SENT");
        assertThat(port.texts()).containsExactly("not said yet");
        assertThat(port.askedWhetherArrived).containsExactly("o-1", "o-2");
        assertThat(recordedNodes()).as("the ended node forgotten, this one recorded").containsExactly("p-self");
    }

    @Test
    void theSendsOfANodeWhoseProcessRunsOrCannotBeToldWaitForTheirLease() {
        var port = FakePort.confirming("xmpp-room");
        var mail = FakePort.confirming("mail");
        fixture = OutboxFixture.watching(processes(Set.of("p-dead")), port, mail);
        fixture.store().saveNode("live-node", "p-live", Instant.now());
        Instant hour = Instant.now().plus(Duration.ofHours(1));
        fixture.store().insert(ROOM, message("o-1", "held by a live node"), "live-node", hour, Instant.now());
        // a node on another machine records no process this one can see ended; one without a row records none
        fixture.store().insert(ROOM, message("o-2", "held by an unknown node"), "unknown-node", hour, Instant.now());
        // written last: once it is sent, the nodes were looked at after every row above was there
        fixture.store().saveNode("dead-node", "p-dead", Instant.now());
        fixture.store().insert(MAIL, message("o-3", "held by an ended node"), "dead-node", hour, Instant.now());

        await().until(() -> "SENT".equals(fixture.status("o-3")));
        fixture.dispatcher().poll();

        assertThat(port.attempts).isEmpty();
        assertThat(fixture.status("o-1")).isEqualTo("PENDING");
        assertThat(fixture.status("o-2")).isEqualTo("PENDING");
        assertThat(recordedNodes()).containsExactly("p-live", "p-self");
    }

    @Test
    void aNodeStoppedCleanlyForgetsItsProcess() {
        fixture = OutboxFixture.watching(processes(Set.of()), FakePort.confirming("xmpp-room"));
        assertThat(recordedNodes()).containsExactly("p-self");

        fixture.close();

        assertThat(recordedNodes()).isEmpty();
    }

    @Test
    void aKindThisNodeDoesNotSendIsWrittenForAnyNodeToClaimAndNotSentHere() {
        var port = FakePort.confirming("xmpp-room");
        port.sendsHere = false;
        fixture = OutboxFixture.of(port);

        fixture.outbox().send(ROOM, message("o-1", "x"));
        fixture.dispatcher().poll();

        assertThat(port.attempts).isEmpty();
        assertThat(fixture.jdbc().sql("select lease_owner from crosspost.outbox where id = 'o-1'").query(String.class)
                .optional()).isEmpty();

        port.sendsHere = true; // this node took over the chat session
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        // no node had held it: never tried, so nothing to ask the room (a restart's backlog goes out at full speed)
        assertThat(port.askedWhetherArrived).isEmpty();
    }

    @Test
    void aSendWrittenByANodeThatDoesNotSendItsKindIsTakenAtOnceByTheNodeThatDoesNotAtItsNextPoll() {
        var atHolder = FakePort.confirming("xmpp-room");
        var atStandby = FakePort.confirming("xmpp-room");
        atStandby.sendsHere = false;
        OutboxFixture[] nodes = OutboxFixture.holderAndStandby(atHolder, atStandby);
        try {
            OutboxFixture holder = nodes[0];
            OutboxFixture standby = nodes[1];
            await().pollDelay(Duration.ofMillis(200)).until(() -> true); // both started, first polls done

            standby.tx().executeWithoutResult(s -> {
                standby.outbox().send(ROOM, message("o-1", "accepted by the standby"));
                standby.outbox().send(ROOM, message("o-2", "and another"));
            });

            // the regular polls are an hour apart: only the nudge after the commit can have woken the holder
            await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(holder.status("o-2")));
            assertThat(atHolder.texts()).containsExactly("accepted by the standby", "and another");
            assertThat(atStandby.attempts).isEmpty();
            assertThat(atHolder.askedWhetherArrived).isEmpty(); // never held: never tried before
        } finally {
            nodes[0].close();
            nodes[1].close();
        }
    }

    /**
     * The soak's reordering (docs/reliability.md): a shout accepted by the standby is a row nobody holds until the
     * holder claims it, woken by a NOTIFY that can come late; a shout the holder accepts right after went to its lane
     * at once and was said first.
     */
    @Test
    void aSendTheHolderAcceptsWaitsForAnOlderSendTheStandbyAcceptedThatTheHolderHasNotClaimedYet() {
        var atHolder = FakePort.confirming("xmpp-room");
        var atStandby = FakePort.confirming("xmpp-room");
        atStandby.sendsHere = false;
        List<String> late = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutboxFixture[] nodes = OutboxFixture.holderAndStandby(atHolder, atStandby, late);
        try {
            OutboxFixture holder = nodes[0];
            OutboxFixture standby = nodes[1];
            await().pollDelay(Duration.ofMillis(200)).until(() -> true); // both started, first polls done
            holder.tx().executeWithoutResult(s -> holder.outbox().send(ROOM, message("o-1", "first, at the holder")));
            await().until(() -> "SENT".equals(holder.status("o-1"))); // the holder has a lane for the room now

            standby.tx().executeWithoutResult(s -> standby.outbox().send(ROOM, message("o-2", "second, at the standby")));
            holder.tx().executeWithoutResult(s -> holder.outbox().send(ROOM, message("o-3", "third, at the holder")));
            assertThat(late).isNotEmpty(); // the standby's nudge, not heard yet
            late.forEach(kind -> holder.dispatcher().pollSoon(kind));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> "SENT".equals(holder.status("o-2")) && "SENT".equals(holder.status("o-3")));
            assertThat(atHolder.texts())
                    .containsExactly("first, at the holder", "second, at the standby", "third, at the holder");
            assertThat(atStandby.attempts).isEmpty();
        } finally {
            nodes[0].close();
            nodes[1].close();
        }
    }

    /** Mail has no order across nodes (each node sends the mail of what it accepted): no lane waits for the other's. */
    @Test
    void aSendOfAKindEveryNodeSendsDoesNotWaitForTheOtherNodesSendsOfTheSameTarget() {
        var atFirst = FakePort.confirming("mail");
        var atSecond = FakePort.held("mail", 1); // its send stays on its way: the row stays PENDING, held by it
        OutboxFixture[] nodes = OutboxFixture.holderAndStandby(atFirst, atSecond);
        try {
            OutboxFixture first = nodes[0];
            OutboxFixture second = nodes[1];
            await().pollDelay(Duration.ofMillis(200)).until(() -> true); // both started, first polls done
            first.tx().executeWithoutResult(s -> first.outbox().send(MAIL, message("m-1", "one")));
            await().until(() -> "SENT".equals(first.status("m-1")));
            second.tx().executeWithoutResult(s -> second.outbox().send(MAIL, message("m-2", "two")));
            await().until(() -> !atSecond.open.isEmpty());

            first.tx().executeWithoutResult(s -> first.outbox().send(MAIL, message("m-3", "three")));

            // the regular polls are an hour apart: only a lane that does not wait for m-2 sends m-3
            await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(first.status("m-3")));
            assertThat(first.status("m-2")).isEqualTo("PENDING");
            atSecond.open.forEach(f -> f.complete(null));
        } finally {
            nodes[0].close();
            nodes[1].close();
        }
    }

    /**
     * The soak's slow mail: a node's first mail to a subscriber (a new lane, as after the lane went idle) while the
     * other node's older mail to the same subscriber is still on its way waited for it, and from then on the two
     * nodes took turns, one mail per poll each.
     */
    @Test
    void aNewLaneOfAKindEveryNodeSendsDoesNotWaitForTheOtherNodesOlderSend() {
        var atFirst = FakePort.confirming("mail");
        var atSecond = FakePort.held("mail", 1); // its send stays on its way: the row stays PENDING, held by it
        OutboxFixture[] nodes = OutboxFixture.holderAndStandby(atFirst, atSecond);
        try {
            OutboxFixture first = nodes[0];
            OutboxFixture second = nodes[1];
            await().pollDelay(Duration.ofMillis(200)).until(() -> true); // both started, first polls done
            second.tx().executeWithoutResult(s -> second.outbox().send(MAIL, message("m-1", "one")));
            await().until(() -> !atSecond.open.isEmpty());

            first.tx().executeWithoutResult(s -> first.outbox().send(MAIL, message("m-2", "two")));

            // the regular polls are an hour apart: only a lane born free sends m-2 now
            await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(first.status("m-2")));
            assertThat(first.status("m-1")).isEqualTo("PENDING");
            atSecond.open.forEach(f -> f.complete(null));
        } finally {
            nodes[0].close();
            nodes[1].close();
        }
    }

    /**
     * The soak's stuck room (a database link cut): a shout's commit happened, but its answer was lost with the
     * connection, so the row, held by this node, never reached a lane. Its lease was renewed for as long as the node
     * lived, and on the node that took the bot over every newer line of the room waited behind it. Now only rows in
     * lanes are renewed: the orphan's lease runs out and it is taken over, asked about first, and said.
     */
    @Test
    void aRowHeldByThisNodeThatNeverReachedALaneIsNotHeldForever() {
        var room = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.withLease(Duration.ofMillis(600), room);
        await().pollDelay(Duration.ofMillis(200)).until(() -> true); // started, first renewal done
        Instant now = Instant.now();
        fixture.store().insert(ROOM, message("o-1", "committed, its answer lost"), fixture.dispatcher().node(),
                now.plusMillis(600), now); // as Outbox.send writes it, but no hand-over after the commit

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(room.texts()).containsExactly("committed, its answer lost");
        assertThat(room.askedWhetherArrived).containsExactly("o-1");
    }

    @Test
    void aRowGivenBackByANodeIsCheckedByTheNodeThatTakesItOver() {
        var port = FakePort.confirming("xmpp-room");
        port.sendsHere = false;
        fixture = OutboxFixture.of(port);
        Instant past = Instant.now().minusSeconds(60);
        fixture.store().insert(ROOM, message("o-1", "x"), "old-holder", past, past);
        fixture.store().release("old-holder", Instant.now()); // it may have said the line before it let go

        port.sendsHere = true;
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(port.askedWhetherArrived).containsExactly("o-1");
    }

    @Test
    void aNodeThatStopsSendingAKindGivesItsRowsBackForTheNodeThatDoes() {
        var port = FakePort.confirming("xmpp-room");
        port.failNext.set(Integer.MAX_VALUE);
        fixture = OutboxFixture.with(Duration.ofMinutes(5), port);
        fixture.outbox().send(ROOM, message("o-1", "x"));
        await().until(() -> !port.attempts.isEmpty());

        port.sendsHere = false; // another node holds the chat session now
        fixture.dispatcher().poll();

        await().until(() -> fixture.jdbc().sql("select lease_owner from crosspost.outbox where id = 'o-1'")
                .query(String.class).optional().isEmpty());
        assertThat(fixture.status("o-1")).isEqualTo("PENDING");
    }

    /**
     * A send whose channel cannot tell after a crash whether it arrived (mail, SMS) is marked SENT as soon as it
     * completed: a crash then sends again only what was on the wire, not the rest of a batch that waited for its
     * flush. A send whose channel can tell (the room's archive) still waits for the batch.
     */
    @Test
    void aSendThatCannotBeCheckedIsRecordedAtOnceAndACheckableOneWithTheNextBatch() {
        var mail = FakePort.confirming("mail");
        mail.checksArrival = false;
        var room = FakePort.confirming("xmpp-room");
        fixture = OutboxFixture.flushedHourly(mail, room);

        fixture.outbox().send(MAIL, message("o-1", "by mail"));
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(fixture.status("o-1")));

        fixture.outbox().send(ROOM, message("o-2", "to the room"));
        await().atMost(Duration.ofSeconds(5)).until(() -> room.texts().contains("to the room"));
        assertThat(fixture.status("o-2")).as("sent, recorded with the next batch (in an hour)").isEqualTo("PENDING");
    }

    /**
     * An SMS-like cap: {@code cap} sends per number within the last hour, as the outbox's table tells them (sms/'s
     * own cap, with its time until the next send fits, is {@code SmsCapTest}'s).
     */
    private static SendCap capped(int cap) {
        return new SendCap() {
            @Override
            public String kind() {
                return "sms";
            }

            @Override
            public Optional<OverCap> overCap(ChannelAddress target, Instant now, SentSince sent) {
                int written = sent.since(now.minus(Duration.ofHours(1)), cap).size();
                return written < cap ? Optional.empty()
                        : Optional.of(new OverCap("over the cap of " + cap + " SMS per hour to " + target.name(),
                        Duration.ofMinutes(written)));
            }
        };
    }

    private static FakePort sms() {
        return new FakePort("sms", 1, false);
    }

    @Test
    void overTheHourlyCapASendIsSkippedWithTheReasonAndWritesNoRow() {
        var port = sms();
        fixture = OutboxFixture.capped(capped(3), port);
        var phone = ChannelAddress.parse("sms:+15551230001");
        var other = ChannelAddress.parse("sms:+15551230002");
        // an hour and a minute ago: no longer counted
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(61));
        long old = fixture.store().insert(phone, message("o-0", "yesterday's news"), "other-node",
                Instant.now().plusSeconds(60), longAgo).orElseThrow().seq();
        fixture.store().markSent(List.of(old), longAgo);

        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            deliveries.add(fixture.outbox().send(phone, message("o-" + i, "alert " + i)));
        }
        var elsewhere = fixture.outbox().send(other, message("o-6", "alert 6"));

        assertThat(deliveries).extracting(Delivery::status).containsExactly(Delivery.Status.QUEUED,
                Delivery.Status.QUEUED, Delivery.Status.QUEUED, Delivery.Status.SKIPPED, Delivery.Status.SKIPPED);
        assertThat(deliveries.get(3).summary())
                .isEqualTo("SKIPPED (sms:+15551230001): over the cap of 3 SMS per hour to +15551230001");
        assertThat(elsewhere.status()).as("another number has its own cap").isEqualTo(Delivery.Status.QUEUED);
        await().until(() -> "SENT".equals(fixture.status("o-3")) && "SENT".equals(fixture.status("o-6")));
        assertThat(fixture.status("o-4")).as("a skipped send writes no row").isNull();
        assertThat(port.texts()).containsExactlyInAnyOrder("alert 1", "alert 2", "alert 3", "alert 6");
    }

    @Test
    void sentAndFailedRowsCountAgainstTheCapAndItsAnswerIsPassedOn() {
        fixture = OutboxFixture.capped(capped(3), sms());
        var phone = ChannelAddress.parse("sms:+15551230003");
        Instant now = Instant.now();
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Instant at = now.minus(Duration.ofMinutes(60 - 10L * i)); // 50, 40 and 30 minutes ago
            // held by a live node, so this test's dispatcher leaves them alone
            seqs.add(fixture.store().insert(phone, message("o-" + i, "x"), "other-node", now.plusSeconds(60), at)
                    .orElseThrow().seq());
        }
        fixture.store().markSent(List.of(seqs.get(0)), now);
        fixture.store().markFailed(seqs.get(1), 1, "refused");

        var over = fixture.outbox().overCap(phone);

        assertThat(over).hasValueSatisfying(o -> {
            assertThat(o.reason()).isEqualTo("over the cap of 3 SMS per hour to +15551230003");
            assertThat(o.retryAfter()).as("the cap saw the three rows").isEqualTo(Duration.ofMinutes(3));
        });
        assertThat(fixture.outbox().send(phone, message("o-4", "x")).status()).isEqualTo(Delivery.Status.SKIPPED);
        assertThat(fixture.outbox().overCap(ChannelAddress.parse("sms:+15551230004"))).isEmpty();
    }

    @Test
    void aRepeatedSendOfARowThatStandsIsNotCountedAgainstTheCap() {
        fixture = OutboxFixture.capped(capped(1), sms());
        var phone = ChannelAddress.parse("sms:+15551230005");

        var first = fixture.outbox().send(phone, message("o-1", "once"));
        var again = fixture.outbox().send(phone, message("o-1", "once"));
        var second = fixture.outbox().send(phone, message("o-2", "twice"));

        assertThat(first.status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(again.status()).as("a retried task: its row stands").isEqualTo(Delivery.Status.QUEUED);
        assertThat(second.status()).isEqualTo(Delivery.Status.SKIPPED);
        await().until(() -> "SENT".equals(fixture.status("o-1")));
        assertThat(fixture.rows()).isEqualTo(1);
    }

    @Test
    void aKindWithoutACapIsNeverCounted() {
        var port = FakePort.confirming("mail");
        fixture = OutboxFixture.capped(capped(1), port);

        for (int i = 1; i <= 20; i++) {
            assertThat(fixture.outbox().send(MAIL, message("o-" + i, "x")).status()).isEqualTo(Delivery.Status.QUEUED);
        }
        assertThat(fixture.outbox().overCap(MAIL)).isEmpty();
    }

    @Test
    void theStableIdDependsOnMessageAndStepOnly() {
        assertThat(OutgoingMessage.idFor("m-1", "Task_A")).isEqualTo(OutgoingMessage.idFor("m-1", "Task_A"))
                .isNotEqualTo(OutgoingMessage.idFor("m-1", "Task_B"))
                .isNotEqualTo(OutgoingMessage.idFor("m-2", "Task_A"));
        assertThat(List.of(Delivery.Status.values())).contains(Delivery.Status.QUEUED);
    }
}

package dev.crosspost.message.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.Delivery;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.SendCap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way out of Crosspost. Finds the outbound port of the target's kind; never sends a message back to the
 * channel it came from, and records a send to an unknown kind or a switched-off channel as skipped (never retried).
 * A {@linkplain OutboundPort#local() local} port runs at once, in the caller's transaction. Every other send becomes
 * an outbox row in the caller's transaction, and goes to its port right after that transaction commits
 * ({@link OutboxDispatcher}): retried on outages, handed to another node if this one dies.
 * <p>
 * A kind of channel may cap the sends per target ({@link SendCap}, SMS): before a row is written, the cap is asked
 * with the target's rows in the outbox table, and a send over the cap is skipped with the cap's reason. The table
 * itself is the count, so it holds across nodes and restarts and needs no counter of its own.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** How a send handed to the node that sends its kind is recorded ({@link Delivery#summary()}). */
    static final String HANDED_BACK = "handed to the node that holds the chat session";
    static final String STILL_QUEUED = "still in the outbox, which sends it in its turn";

    private final Map<String, OutboundPort> ports;
    private final Map<String, SendCap> caps;
    private final OutboxStore store;
    private final OutboxDispatcher dispatcher;
    private final OutboxNudge nudge;

    Outbox(List<OutboundPort> ports, List<SendCap> caps, OutboxStore store, OutboxDispatcher dispatcher,
           OutboxNudge nudge) {
        this.ports = ports.stream().collect(Collectors.toUnmodifiableMap(OutboundPort::kind, Function.identity()));
        this.caps = caps.stream().collect(Collectors.toUnmodifiableMap(SendCap::kind, Function.identity()));
        this.store = store;
        this.dispatcher = dispatcher;
        this.nudge = nudge;
        nudge.listen(dispatcher::pollSoon);
    }

    /**
     * Sends {@code message} to {@code target}: {@code SENT} for a local port, {@code QUEUED} for a row written in the
     * caller's transaction (a repeated id writes nothing: the first row stands), {@code SKIPPED} with the reason.
     *
     * @throws IllegalArgumentException when a local port finds the target can never exist (an unknown shoutbox)
     */
    public Delivery send(ChannelAddress target, OutgoingMessage message) {
        if (target.equals(message.originChannel())) {
            return skip(target, message, "the message came from this channel; it is never sent back");
        }
        OutboundPort port = ports.get(target.kind());
        if (port == null) {
            return skip(target, message, "no adapter sends to channels of kind '" + target.kind() + "'");
        }
        String unavailable = port.unavailableReason();
        if (unavailable != null) {
            return skip(target, message, unavailable);
        }
        if (port.local()) {
            await(port.send(target, message));
            log.info("out {} message {} (from message {})", target, message.id(), message.messageId());
            return Delivery.sent(message, target);
        }
        Instant now = dispatcher.now();
        Optional<SendCap.OverCap> over = overCap(target, message.id(), now);
        if (over.isPresent()) {
            return skip(target, message, over.get().reason());
        }
        queue(port, target, message, OutboxRow.Action.SAY, null, now);
        log.debug("out {} message {} queued", target, message.id());
        return Delivery.queued(message, target);
    }

    /**
     * Writes a row that corrects or takes back ({@code action}) the line of row {@code replaces} at {@code target}, in
     * the caller's transaction, after it on the target's lane. A channel that cannot change what it delivered, or is
     * switched off, gets a SKIPPED row with the reason. A repeated id writes nothing.
     */
    void change(ChannelAddress target, OutgoingMessage change, OutboxRow.Action action, String replaces) {
        OutboundPort port = ports.get(target.kind());
        String cannot = port == null ? "no adapter sends to channels of kind '" + target.kind() + "'"
                : !port.changesDelivered() ? target.kind() + " cannot change a message once delivered"
                : port.unavailableReason();
        Instant now = dispatcher.now();
        if (cannot != null) {
            store.insertSkipped(target, change, action, replaces, cannot, now);
            log.info("out {} {} of {} skipped: {}", target, action, replaces, cannot);
            return;
        }
        queue(port, target, change, action, replaces, now);
        log.info("out {} {} of {} queued as {}", target, action, replaces, change.id());
    }

    private void queue(OutboundPort port, ChannelAddress target, OutgoingMessage message, OutboxRow.Action action,
                       String replaces, Instant now) {
        boolean here = port.sendsHere();
        Optional<OutboxRow> row = here
                ? store.insert(target, message, action, replaces, dispatcher.node(), now.plus(dispatcher.lease()), now)
                : store.insert(target, message, action, replaces, null, now, now);
        if (here) {
            row.ifPresent(this::handOverAfterCommit);
        } else if (row.isPresent()) {
            nudge.unheld(target.kind()); // the node that sends this kind takes it at once, not at its next poll
        }
    }

    /**
     * Whether a send to {@code target} now would be over its kind's {@linkplain SendCap cap}: for callers that would
     * rather refuse a request outright (a verification code) than have its send skipped. {@link #send} checks the
     * cap itself either way.
     */
    public Optional<SendCap.OverCap> overCap(ChannelAddress target) {
        return overCap(target, null, dispatcher.now());
    }

    private Optional<SendCap.OverCap> overCap(ChannelAddress target, String id, Instant now) {
        SendCap cap = caps.get(target.kind());
        if (cap == null) {
            return Optional.empty();
        }
        Optional<SendCap.OverCap> over = cap.overCap(target, now, (since, newest) -> store.writtenSince(target, since, newest));
        // a repeated id (a retried task) is the row that stands, not one more send
        return over.isPresent() && id != null && store.exists(id) ? Optional.empty() : over;
    }

    /**
     * Sends a row that went FAILED once more (the job of its incident). A row that is PENDING again (handed back by an
     * earlier Retry) is the outbox's: it is left to its lane and {@code QUEUED} returned, on every node. On a node that sends the row's kind: now, in
     * the caller's thread, asking the port first whether an earlier attempt arrived after all, and marked SENT in the
     * caller's transaction.
     * <p>
     * On a node that does not send its kind (in a cluster, a node that does not hold the chat session), {@code
     * handBack} gives the row back to the outbox in the caller's transaction: PENDING, no failed attempt, due now,
     * held by nobody, in its old place in its target's order. The node that sends the kind claims it at once (it is
     * {@linkplain OutboxNudge nudged}) and tries it once; failing, it goes FAILED again and is a new incident. Returns
     * {@code QUEUED}. Without {@code handBack} (the incident job's first, automatic run) it throws instead, so that
     * a send that keeps failing is an incident waiting for a person, not a round of hand-backs and new incidents.
     *
     * @throws IllegalArgumentException when there is no such row
     * @throws RuntimeException         as the port fails: the caller's job fails again
     */
    public Delivery resend(String outboxId, boolean handBack) {
        OutboxStore.Stored stored = store.find(outboxId)
                .orElseThrow(() -> new IllegalArgumentException("no outbox row '" + outboxId + "'"));
        OutboxRow row = stored.row();
        if (OutboxStore.SENT.equals(stored.status())) {
            return Delivery.sent(row.message(), row.target());
        }
        if (OutboxStore.PENDING.equals(stored.status())) {
            // handed back already, or a Retry of an older incident: a lane may be sending it this very moment, and a
            // second send from here would say it twice
            return Delivery.queued(row.message(), row.target(), STILL_QUEUED);
        }
        OutboundPort port = ports.get(row.target().kind());
        String unavailable = port == null ? "no adapter sends to " + row.target().kind() : port.unavailableReason();
        if (unavailable != null) {
            throw new IllegalStateException("cannot send to " + row.target() + ": " + unavailable);
        }
        if (!port.sendsHere()) {
            if (!handBack) {
                // an expected state, not a bug: logged as one line (see ChannelOutage), and the incident says why
                throw new ChannelOutage("this node does not send to " + row.target()
                        + " (another node holds the chat session); Retry hands the send to that node");
            }
            return handBack(row);
        }
        // an earlier attempt may have arrived after all: asked first, as after a takeover
        if (!await(dispatcher.check(port, List.of(row))).contains(row.seq())) {
            await(dispatcher.attempt(port, row));
        }
        store.markSent(List.of(row.seq()), dispatcher.now());
        log.info("out {} message {} (from message {}), sent again by hand", row.target(), row.message().id(),
                row.message().messageId());
        return Delivery.sent(row.message(), row.target());
    }

    private Delivery handBack(OutboxRow row) {
        if (store.handBack(row.seq(), dispatcher.now())) {
            nudge.unheld(row.target().kind());
            log.info("out {} message {} handed to the node that holds the chat session, to be sent again",
                    row.target(), row.message().id());
        }
        return Delivery.queued(row.message(), row.target(), HANDED_BACK);
    }

    private void handOverAfterCommit(OutboxRow row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dispatcher.handOver(List.of(row));
            return;
        }
        @SuppressWarnings("unchecked")
        List<OutboxRow> rows = (List<OutboxRow>) TransactionSynchronizationManager.getResource(this);
        if (rows == null) {
            List<OutboxRow> written = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, written);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.handOver(written);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                }
            });
            rows = written;
        }
        rows.add(row);
    }

    private static <T> T await(CompletableFuture<T> sending) {
        try {
            return sending.join();
        } catch (CompletionException e) {
            if (Lane.unwrap(e) instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Delivery skip(ChannelAddress target, OutgoingMessage message, String reason) {
        log.info("out {} message {} skipped: {}", target, message.id(), reason);
        return Delivery.skipped(message, target, reason);
    }
}

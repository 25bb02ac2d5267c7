package dev.crosspost.message;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The outbound side of one kind of channel (shoutbox, xmpp-room, mail, ...). Ports are found by
 * {@link dev.crosspost.message.outbox.Outbox} through {@link #kind()}; a queue never knows which adapter it talks to.
 * <p>
 * A {@linkplain #local() local} port's effect stays in Crosspost's database (a shout appended): it runs in the
 * caller's transaction. Every other send leaves Crosspost and goes through the outbox.
 */
public interface OutboundPort {

    /** The channel kind this port sends to, for example {@code shoutbox}. */
    String kind();

    /**
     * Whether the port can send now. A port that is switched off by configuration returns a reason, and
     * sends to it are recorded as skipped instead of being retried.
     */
    default String unavailableReason() {
        return null;
    }

    /**
     * {@code true} when the effect is local to Crosspost's database: {@link #send} then runs to completion in the
     * caller's thread and transaction, and the returned future is already complete.
     */
    default boolean local() {
        return false;
    }

    /**
     * Starts sending {@code message} to {@code target}; the future completes when the channel has it (the room
     * echoed the line, the SMTP server accepted the mail, the gateway answered 2xx). Must carry
     * {@link OutgoingMessage#id()} on the wire where the channel allows it, so that a repeated send is
     * recognisable. Must not block for long: a port that blocks extends {@link BlockingPort}.
     * <p>
     * The future fails with {@link DeliveryRefused} when the receiving side refused for good (never retried),
     * with {@link IllegalArgumentException} when the target can never be reached (unknown shoutbox, bad
     * address), and with anything else on an outage (retried later).
     */
    CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message);

    /**
     * Asked before {@code message} is sent again when an earlier attempt (made after {@code since}) may have
     * arrived: a send taken over after a crash, or one whose confirmation was lost with the connection.
     * {@code true}: it arrived, do not send it again. The default, {@code false}, fits channels whose receiver
     * recognises the stable id itself (mail's Message-ID, an SMS gateway's idempotency key) or that cannot tell.
     */
    default boolean alreadyDelivered(ChannelAddress target, OutgoingMessage message, Instant since) {
        return false;
    }

    /**
     * Whether {@link #alreadyDelivered} can tell (a chat room's archive). {@code false}, the default: a send taken
     * over after a crash is sent again, so the outbox records each of this port's sends as soon as it completes
     * instead of with the next batch: a crash then repeats only what was on the wire, not a batch's worth.
     */
    default boolean checksArrival() {
        return false;
    }

    /**
     * Whether this node sends to this kind now. {@code false} on a node that does not hold the channel's
     * session (one node of a cluster holds the chat bot): the outbox leaves those sends to the node that does.
     */
    default boolean sendsHere() {
        return true;
    }

    /**
     * Whether one node at a time sends this kind: the one that holds its session (the chat bot), so that a target's
     * sends keep their order across nodes, a takeover included. {@code false}, the default (mail, SMS, webhooks):
     * every node sends the rows it wrote, with no order across nodes, and never waits for another node's rows.
     */
    default boolean oneSenderAtATime() {
        return false;
    }

    /** How many sends to one target may be on their way at once; 1: strictly one after another. */
    default int window() {
        return 1;
    }

    /**
     * Whether this channel can change what it already delivered ({@link #correct}, {@link #retract}). {@code false}
     * (the default: mail, SMS, a webhook): changes of a message are recorded as skipped for this channel.
     */
    default boolean changesDelivered() {
        return false;
    }

    /**
     * Starts replacing the copy {@code replacedId} (the {@link OutgoingMessage#id()} it was sent with) at
     * {@code target} by {@code correction}, whose text is the whole corrected text as the receiver should now see it
     * and whose own id is new. Completes, fails and must not block as {@link #send} does.
     */
    default CompletableFuture<Void> correct(ChannelAddress target, OutgoingMessage correction, String replacedId) {
        return CompletableFuture.failedFuture(new DeliveryRefused(kind() + " cannot change a message once delivered"));
    }

    /**
     * Starts taking back the copy {@code retractedId} at {@code target}; {@code retraction} carries a new id and a
     * fallback text for receivers that do not understand the retraction. As {@link #correct}.
     */
    default CompletableFuture<Void> retract(ChannelAddress target, OutgoingMessage retraction, String retractedId) {
        return CompletableFuture.failedFuture(new DeliveryRefused(kind() + " cannot take back a message once delivered"));
    }

    /**
     * A {@linkplain #local() local} port's copies of message {@code messageId} (the outgoing ids it kept them under
     * and how each reads now, the message's own id left out): a change of the message is made to each, in the caller's transaction, with
     * {@link #correct}/{@link #retract} and a {@code target} of this port's kind named by the copy's id (the caller
     * does not know the copy's place; the port finds the copy by its id). Ports that send through the outbox need
     * not answer: the outbox knows their sends.
     */
    default List<Copy> copiesOf(String messageId) {
        return List.of();
    }

    /**
     * One copy a {@linkplain #local() local} port keeps of a message: its outgoing id and its text as it reads now
     * (a template's frame such as {@code Alice said: } included), so that a correction keeps the frame.
     */
    record Copy(String id, String text) {
    }
}

package dev.crosspost.message;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read access to the messages that entered Crosspost, for ports that keep messages in their order. */
public interface MessageLog {

    /** When the Inbox received the message, if it knows it. */
    Optional<Instant> receivedAt(String messageId);

    /**
     * When the newest message of the channel that the Inbox still knows was received: where a port that missed what
     * its channel said takes up again. Reads the channel's rows (no index on their time): for a rare question.
     */
    default Optional<Instant> newestOn(ChannelAddress channel) {
        return Optional.empty();
    }

    /**
     * Which of {@code externalIds} (the channel's own ids: stanza-ids, event ids) the Inbox already knows on
     * {@code channel}: one look-up for many, through the (channel, external id) index. A port reading its channel's
     * history again (a room's archive after a crash) skips these instead of handing each to the Inbox.
     */
    default Set<String> knownExternalIds(ChannelAddress channel, Collection<String> externalIds) {
        return Set.of();
    }

    /** The channel's own id of the message (an event id, a stanza-id), if the Inbox knows the message. */
    Optional<String> externalId(String messageId);

    /**
     * The message's text as it now reads (its author may have corrected it since: {@link MessageChanges}), if the
     * Inbox still knows the message.
     */
    default Optional<String> text(String messageId) {
        return Optional.empty();
    }

    /** The channel's attributes of the message (empty when it had none, or the Inbox no longer knows it). */
    default Map<String, String> attributes(String messageId) {
        return Map.of();
    }

    /**
     * The message that came in on {@code channel} and that a chat client names {@code ref} (its stanza's id, its
     * origin-id, or the id the channel gave it), with the address that wrote it: for a correction or a retraction of
     * it by {@code author} (when several match, the one {@code author} wrote). Empty when there is none (never taken
     * in, or gone with retention).
     */
    default Optional<Written> written(ChannelAddress channel, String ref, String author) {
        return Optional.empty();
    }

    /**
     * A message as a later change of it needs it.
     *
     * @param authorAddress the address that wrote it on its channel (a bare JID), the only one that may change it;
     *                      {@code null}: unknown, nobody may
     */
    record Written(String messageId, String authorAddress) {
    }

    /** The attribute of an {@link IncomingMessage} that holds the id of its stanza (kept to find it by). */
    String WIRE_ID = "wireId";
    /** The attribute that holds its XEP-0359 origin-id. */
    String ORIGIN_ID = "originId";
    /** The attribute that holds the address that wrote it (for chat: the bare real JID). */
    String AUTHOR_ADDRESS = "authorAddress";
}

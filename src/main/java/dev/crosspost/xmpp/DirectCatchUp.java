package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.MessageLog;
import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.connection.XmppSession;
import dev.crosspost.xmpp.room.ArchiveCatchUp;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On each login of the bot, the direct messages the server handed to an earlier session of the bot that never took
 * them in: a holder paused (a long GC pause, a frozen VM) while the server kept writing to its socket, then fenced
 * off, or one killed with messages read and not yet accepted. Messages sent while no session was logged in come as
 * offline messages anyway; these do not, as nothing acknowledges a message the server wrote to a session (XEP-0198
 * would). They are in the bot account's own archive (XEP-0313, Prosody's {@code mod_mam}): the messages to the bot
 * since the newest direct message Crosspost took in, as {@link ArchiveCatchUp} reads an archive. Each goes to
 * {@code late} with the archive's id as its stanza-id by the bot's address: the same external id a message heard
 * live carries on such a server, so a message taken in twice (live and from the archive) is one message. The bot's own messages are left out. An account
 * without an archive, or a bot that never took a direct message in, is not caught up.
 */
final class DirectCatchUp {

    private static final Logger log = LoggerFactory.getLogger(DirectCatchUp.class);

    /** Marks a session whose catch-up is queued (one per login: {@link XmppSession#attached}). */
    static final class Queued {
    }

    private final XmppProperties properties;
    private final MessageLog messages;

    DirectCatchUp(XmppProperties properties, MessageLog messages) {
        this.properties = properties;
        this.messages = messages;
    }

    /** Passes the messages to take in late to {@code late}, oldest first; logs and gives up when the archive fails. */
    void run(XmppSession session, Consumer<Message> late) {
        if (properties.catchUp().isZero()) {
            return;
        }
        ChannelAddress channel = ChannelAddress.of(XmppChannels.DIRECT, properties.username());
        try {
            Optional<Instant> newest = messages.newestOn(channel); // the database; it may be away
            if (newest.isEmpty()) {
                return;
            }
            Instant until = Instant.now();
            Instant from = ArchiveCatchUp.from(newest.get(), properties.catchUp(), until);
            MamManager mam = MamManager.getInstanceFor(session.connection());
            if (!mam.isSupported()) {
                log.info("xmpp direct: the bot's account has no archive (XEP-0313); direct messages a lost session "
                        + "never took in are not caught up");
                return;
            }
            // the margin before the newest message taken in is read again: skip what the Inbox knows
            int taken = ArchiveCatchUp.read(mam, from, until, ids -> messages.knownExternalIds(channel, ids),
                    result -> {
                        Message message = toTake(result);
                        if (message != null) {
                            late.accept(message);
                        }
                        return message != null;
                    });
            log.info("xmpp direct: caught up from {}: {} message(s) to the bot from its archive", from, taken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the login stands; what a lost session never took in is not taken in
            log.warn("xmpp direct: could not catch up from the bot's archive: {}", e.toString());
        }
    }

    /** The archived message to take in, with the archive's id as its stanza-id; null for the bot's own and empty ones. */
    private Message toTake(MamResultExtension result) {
        Message message = result.getForwarded().getForwardedStanza();
        if (message == null || message.getBody() == null || message.getFrom() == null
                || message.getFrom().asBareJid().toString().equalsIgnoreCase(properties.botJid())) {
            return null;
        }
        if (Stanzas.stanzaIdBy(message, properties.botJid()) == null) {
            message = message.asBuilder().addExtension(new StanzaIdElement(result.getId(), properties.botJid()))
                    .build();
        }
        return message;
    }
}

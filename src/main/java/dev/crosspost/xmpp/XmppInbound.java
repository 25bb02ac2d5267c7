package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.member.Directory;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.Text;
import dev.crosspost.member.Member;
import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.connection.XmppSession;
import dev.crosspost.xmpp.room.RoomJoiner;
import jakarta.annotation.PreDestroy;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.muc.Occupant;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The inbound side: lines said in the bot's rooms ({@code xmpp-room:<room>}) and direct messages from members
 * ({@code xmpp-direct:<bot>}) go into the {@link Inbox}; {@code !commands} are answered ({@link ChatCommands}),
 * personal ones in a room by a private message. A room line is a member's only through the occupant's real JID
 * when that is the member's verified address; anyone else is a guest ({@code crosspost.xmpp.guests}). Lines over
 * a sender's rate ({@link ChatLimits}) are dropped, with one reply.
 * It subscribes to the rooms (others' lines) and to the connection (direct messages). Smack's threads only
 * filter and hand over: one inbound thread keeps the messages in the order they arrived.
 */
@Component
class XmppInbound implements XmppConnection.Listener, RoomJoiner.LineListener {

    private static final Logger log = LoggerFactory.getLogger(XmppInbound.class);
    private static final int ATTEMPTS = 3;
    /** A guest's author id: a member id never holds ':' (Camunda's id pattern), so it is no member's. */
    static final String GUEST = "guest:";

    private final Inbox inbox;
    private final Directory directory;
    private final ChatCommands commands;
    private final XmppProperties properties;
    private final XmppConnection connection;
    private final RoomJoiner rooms;
    private final XmppChatProperties chat;
    private final ChatLimits limits;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xmpp-inbound");
        t.setDaemon(true);
        return t;
    });

    XmppInbound(Inbox inbox, Directory directory, ChatCommands commands, XmppProperties properties,
                XmppConnection connection, RoomJoiner rooms, XmppChatProperties chat, ChatLimits limits) {
        this.inbox = inbox;
        this.chat = chat;
        this.limits = limits;
        this.directory = directory;
        this.commands = commands;
        this.properties = properties;
        this.connection = connection;
        this.rooms = rooms;
        connection.subscribe(this);
        rooms.onLine(this);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Override
    public void said(EntityBareJid room, Message message, Occupant sender) {
        worker.execute(() -> room(room, message, sender));
    }

    @Override
    public void directMessage(XmppSession session, Message message) {
        Jid from = message.getFrom();
        if (from == null || from.asBareJid().toString().equalsIgnoreCase(properties.botJid())) {
            return;
        }
        worker.execute(() -> direct(message));
    }

    private void room(EntityBareJid room, Message message, Occupant occupant) {
        String nickname = message.getFrom().getResourceOrEmpty().toString();
        // Only the occupant's real JID, when the room shows it and it is a member's verified address, makes a
        // member; a nickname alone never does.
        Jid realJid = occupant == null ? null : occupant.getJid();
        String bare = realJid == null ? null : realJid.asBareJid().toString();
        Optional<Member> member = bare == null ? Optional.empty() : directory.memberByXmpp(bare);
        String text = Text.clean(message.getBody());
        if (text.isEmpty()) {
            return; // nothing left to pass on (only control characters or blanks)
        }
        ChannelAddress channel = ChannelAddress.of(XmppChannels.ROOM, room.toString());
        if (!withinLimit(member.map(Member::id).orElse(message.getFrom().toString()), channel, message.getFrom())) {
            return;
        }
        if (commands.accepts(text)) {
            String senderJid = bare == null ? message.getFrom().toString() : bare;
            if (commands.personal(text)) {
                log.info("in  {} command from {}: answered privately, not routed", channel, nickname);
                tell(message.getFrom(), commands.answer(text, member, senderJid));
            } else {
                log.info("in  {} command from {}: answered, not routed", channel, nickname);
                reply(() -> rooms.say(room, () -> commands.answer(text, member, senderJid)), room.toString());
            }
            return;
        }
        if (member.isEmpty() && chat.guests() == XmppChatProperties.Guests.DROP) {
            log.info("in  {} line from guest {}: dropped (crosspost.xmpp.guests=drop)", channel, nickname);
            return;
        }
        String roomId = Stanzas.stanzaIdBy(message, room.toString());
        String externalId = roomId != null ? roomId : message.getStanzaId() == null ? null : nickname + "/" + message.getStanzaId();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nickname", nickname);
        attributes.put("room", room.toString());
        if (bare != null && member.isPresent()) {
            attributes.put("senderJid", bare);
        }
        accept(new IncomingMessage(UUID.randomUUID().toString(), channel, externalId,
                member.map(Member::id).orElse(GUEST + nickname),
                member.map(Member::name).orElse(nickname + " (guest)"), text, Instant.now(), null, attributes));
    }

    private void direct(Message message) {
        Jid from = message.getFrom();
        String bare = from.asBareJid().toString();
        Optional<Member> member = directory.memberByXmpp(bare);
        String text = Text.clean(message.getBody());
        if (text.isEmpty()) {
            return; // nothing left to pass on (only control characters or blanks)
        }
        ChannelAddress channel = ChannelAddress.of(XmppChannels.DIRECT, properties.username());
        if (!withinLimit(bare.toLowerCase(java.util.Locale.ROOT), channel, from)) {
            return;
        }
        boolean post = DirectPost.isPost(text);
        if (commands.accepts(text) && !post) {
            log.info("in  {} command from {}: answered, not routed", channel, bare);
            tell(from, commands.answer(text, member, bare));
            return;
        }
        if (member.isEmpty()) {
            log.info("in  {} from {}: not a member, nothing routed", channel, bare);
            tell(from, "Hello! I am the Crosspost bot. " + bare + " is not a Crosspost member's address (a member's "
                    + "verified one), so I cannot pass on your message. Put it on your Crosspost profile and tell me "
                    + "the code I send you: !verify CODE. Say !help for commands.");
            return;
        }
        Map<String, String> attributes = new HashMap<>(Map.of("senderJid", bare));
        if (post) {
            Optional<DirectPost> named = DirectPost.parse(text);
            if (named.isEmpty()) {
                tell(from, "Usage: " + DirectPost.USAGE);
                return;
            }
            attributes.put("team", named.get().team());
            text = named.get().text();
        }
        String serverId = Stanzas.stanzaIdBy(message, properties.botJid());
        String externalId = serverId != null ? serverId : message.getStanzaId() == null ? null : bare + "/" + message.getStanzaId();
        var incoming = new IncomingMessage(UUID.randomUUID().toString(), channel, externalId, member.get().id(),
                member.get().name(), text, Instant.now(), null, attributes);
        if (!accept(incoming)) {
            tell(from, "Sorry, I could not pass on your message just now (Crosspost has a problem). "
                    + "Please send it again in a few minutes.");
        }
    }

    /** Counts the line against its sender's limit; over it, tells them once (privately) and drops the line. */
    private boolean withinLimit(String sender, ChannelAddress channel, Jid replyTo) {
        ChatLimits.Verdict verdict = limits.take(sender, channel.toString());
        if (verdict == ChatLimits.Verdict.PASS) {
            return true;
        }
        log.info("in  {} from {}: over the rate limit, dropped", channel, sender);
        if (verdict == ChatLimits.Verdict.REFUSE_AND_TELL) {
            tell(replyTo, limits.refusal());
        }
        return false;
    }

    /** Hands the message to the Inbox, trying again briefly when the database is away. */
    private boolean accept(IncomingMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                inbox.accept(message);
                return true;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    log.error("in  {} message from {} NOT accepted after {} attempts, text was: {}", message.channel(),
                            message.sender(), attempt, message.text(), e);
                    return false;
                }
                log.warn("in  {} message from {}: inbox failed ({}), trying again", message.channel(),
                        message.sender(), e.toString());
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private void tell(Jid to, String text) {
        reply(() -> connection.session().tell(to, text, UUID.randomUUID().toString()), to.toString());
    }

    private void reply(Reply reply, String to) {
        try {
            reply.send();
        } catch (Exception e) {
            log.warn("xmpp could not answer {}: {}", to, e.toString());
        }
    }

    private interface Reply {
        void send() throws Exception;
    }
}

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
 * ({@code xmpp-direct:<bot>}) go into the {@link Inbox}; {@code !commands} are answered ({@link ChatCommands}).
 * It subscribes to the rooms (others' lines) and to the connection (direct messages). Smack's threads only
 * filter and hand over: one inbound thread keeps the messages in the order they arrived.
 */
@Component
class XmppInbound implements XmppConnection.Listener, RoomJoiner.LineListener {

    private static final Logger log = LoggerFactory.getLogger(XmppInbound.class);
    private static final int ATTEMPTS = 3;

    private final Inbox inbox;
    private final Directory directory;
    private final ChatCommands commands;
    private final XmppProperties properties;
    private final XmppConnection connection;
    private final RoomJoiner rooms;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xmpp-inbound");
        t.setDaemon(true);
        return t;
    });

    XmppInbound(Inbox inbox, Directory directory, ChatCommands commands, XmppProperties properties,
                XmppConnection connection, RoomJoiner rooms) {
        this.inbox = inbox;
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
        Jid realJid = occupant == null ? null : occupant.getJid();
        String bare = realJid == null ? null : realJid.asBareJid().toString();
        Optional<Member> member = bare == null ? Optional.empty() : directory.memberByXmpp(bare);
        String text = Text.clean(message.getBody());
        if (text.isEmpty()) {
            return; // nothing left to pass on (only control characters or blanks)
        }
        if (commands.accepts(text)) {
            log.info("in  {}:{} command from {}: answered, not routed", XmppChannels.ROOM, room, nickname);
            reply(() -> rooms.say(room, () -> commands.answer(text, member, bare == null
                    ? message.getFrom().toString() : bare)), room.toString());
            return;
        }
        String roomId = Stanzas.stanzaIdBy(message, room.toString());
        String externalId = roomId != null ? roomId : message.getStanzaId() == null ? null : nickname + "/" + message.getStanzaId();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nickname", nickname);
        attributes.put("room", room.toString());
        if (bare != null) {
            attributes.put("senderJid", bare);
        }
        accept(new IncomingMessage(UUID.randomUUID().toString(), ChannelAddress.of(XmppChannels.ROOM, room.toString()),
                externalId, member.map(Member::id).orElse(nickname), member.map(Member::name).orElse(nickname),
                text, Instant.now(), null, attributes));
    }

    private void direct(Message message) {
        Jid from = message.getFrom();
        String bare = from.asBareJid().toString();
        Optional<Member> member = directory.memberByXmpp(bare);
        String text = Text.clean(message.getBody());
        if (text.isEmpty()) {
            return; // nothing left to pass on (only control characters or blanks)
        }
        if (commands.accepts(text)) {
            log.info("in  {}:{} command from {}: answered, not routed", XmppChannels.DIRECT, properties.username(), bare);
            tell(from, commands.answer(text, member, bare));
            return;
        }
        if (member.isEmpty()) {
            log.info("in  {} from {}: not a member, nothing routed", XmppChannels.DIRECT, bare);
            tell(from, "Hello! I am the Crosspost bot. " + bare + " is not a Crosspost member's address, "
                    + "so I cannot pass on your message. Ask an admin to add it to your profile. Say !help for commands.");
            return;
        }
        String serverId = Stanzas.stanzaIdBy(message, properties.botJid());
        String externalId = serverId != null ? serverId : message.getStanzaId() == null ? null : bare + "/" + message.getStanzaId();
        var incoming = new IncomingMessage(UUID.randomUUID().toString(),
                ChannelAddress.of(XmppChannels.DIRECT, properties.username()), externalId, member.get().id(),
                member.get().name(), text, Instant.now(), null, Map.of("senderJid", bare));
        if (!accept(incoming)) {
            tell(from, "Sorry, I could not pass on your message just now (Crosspost has a problem). "
                    + "Please send it again in a few minutes.");
        }
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

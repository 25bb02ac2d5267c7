package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.MessageLog;
import dev.crosspost.message.Text;
import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.Rooms;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lines said in the bot's rooms ({@code xmpp-room:<room>}) go into the {@link Inbox}; {@code !commands} are answered
 * ({@link ChatCommands}), personal ones by a private message. A room line is a member's only through the occupant's
 * real JID when that is the member's verified address; anyone else is a guest ({@code crosspost.xmpp.guests}). Lines
 * over a sender's rate ({@link ChatLimits}) are dropped, with one reply. A correction or retraction of a line taken in
 * changes that message instead ({@link InboundChanges}). Smack's thread hands each line to the {@link InboundThread}.
 */
@Component
class RoomInbound implements Rooms.LineListener {

    private static final Logger log = LoggerFactory.getLogger(RoomInbound.class);
    /** A guest's author id: a member id never holds ':' (Camunda's id pattern), so it is no member's. */
    static final String GUEST = "guest:";

    private final Directory directory;
    private final ChatCommands commands;
    private final XmppProperties.Guests guests;
    private final ChatReplies replies;
    private final InboundThread inbound;
    private final InboundChanges changes;
    private final MessageLog messages;

    RoomInbound(Directory directory, ChatCommands commands, XmppProperties properties, ChatReplies replies,
                InboundThread inbound, InboundChanges changes, MessageLog messages, Rooms rooms) {
        this.messages = messages;
        this.changes = changes;
        this.directory = directory;
        this.commands = commands;
        this.guests = properties.guests();
        this.replies = replies;
        this.inbound = inbound;
        rooms.onLine(this);
    }

    @Override
    public void said(EntityBareJid room, Message message, Jid realJid, boolean late) {
        inbound.execute(() -> line(room, message, realJid, late));
    }

    @Override
    public Optional<Instant> newestTakenIn(EntityBareJid room) {
        return messages.newestOn(ChannelAddress.of(XmppChannels.ROOM, room.toString()));
    }

    @Override
    public Set<String> takenIn(EntityBareJid room, List<String> archiveIds) {
        return messages.knownExternalIds(ChannelAddress.of(XmppChannels.ROOM, room.toString()), archiveIds);
    }

    private void line(EntityBareJid room, Message message, Jid realJid, boolean late) {
        String nickname = message.getFrom().getResourceOrEmpty().toString();
        // Only the occupant's real JID, when the room shows it and it is a member's verified address, makes a
        // member; a nickname alone never does.
        String bare = realJid == null ? null : realJid.asBareJid().toString();
        Optional<Member> member = bare == null ? Optional.empty() : directory.memberByXmpp(bare);
        ChannelAddress channel = ChannelAddress.of(XmppChannels.ROOM, room.toString());
        // a late line was said while the bot was away, over that time: no rate of now
        if (!late && !replies.withinLimit(member.map(Member::id).orElse(message.getFrom().toString()), channel,
                message.getFrom()) || changes.handled(channel, message, bare)) {
            return;
        }
        String text = Text.clean(message.getBody());
        if (text.isEmpty()) {
            return; // nothing left to pass on (only control characters or blanks)
        }
        if (commands.accepts(text)) {
            if (late) {
                log.info("in  {} command from {} said while the bot was away: not answered, not routed", channel,
                        nickname);
                return;
            }
            String senderJid = bare == null ? message.getFrom().toString() : bare;
            if (commands.personal(text)) {
                log.info("in  {} command from {}: answered privately, not routed", channel, nickname);
                replies.tell(message.getFrom(), commands.answer(text, member, senderJid));
            } else {
                log.info("in  {} command from {}: answered, not routed", channel, nickname);
                replies.say(room, () -> commands.answer(text, member, senderJid));
            }
            return;
        }
        if (member.isEmpty() && guests == XmppProperties.Guests.DROP) {
            log.info("in  {} line from guest {}: dropped (crosspost.xmpp.guests=drop)", channel, nickname);
            return;
        }
        String roomId = Stanzas.stanzaIdBy(message, room.toString());
        String externalId = roomId != null ? roomId
                : message.getStanzaId() == null ? null : nickname + "/" + message.getStanzaId();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nickname", nickname);
        attributes.put("room", room.toString());
        if (bare != null && member.isPresent()) {
            attributes.put("senderJid", bare);
        }
        InboundChanges.keepIds(attributes, message, bare);
        inbound.accept(new IncomingMessage(UUID.randomUUID().toString(), channel, externalId,
                member.map(Member::id).orElse(GUEST + nickname),
                member.map(Member::name).orElse(nickname + " (guest)"), text, Instant.now(), null, attributes),
                () -> { }); // logged; nobody to answer: the room has the line, only its copy here is missing
    }
}

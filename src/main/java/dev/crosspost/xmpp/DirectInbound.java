package dev.crosspost.xmpp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.MessageLog;
import dev.crosspost.message.Text;
import dev.crosspost.xmpp.connection.LineChange;
import dev.crosspost.xmpp.connection.Stanzas;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppSession;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Direct messages to the bot from members ({@code xmpp-direct:<bot>}) go into the {@link Inbox}, a post to a team
 * ({@link DirectPost}) with the team named; {@code !commands} are answered ({@link ChatCommands}); someone who is not
 * a member by a verified address is told how to become one. Messages over a sender's rate ({@link ChatLimits}) are
 * dropped, with one reply. A correction or retraction of a message taken in changes that message instead
 * ({@link InboundChanges}). Smack's thread hands each message to the {@link InboundThread}. On each login the
 * messages an earlier session was handed and never took in come first, from the bot's archive ({@link DirectCatchUp}).
 */
@Component
class DirectInbound implements XmppConnection.Listener {

    private static final Logger log = LoggerFactory.getLogger(DirectInbound.class);

    private final Directory directory;
    private final ChatCommands commands;
    private final XmppProperties properties;
    private final ChatReplies replies;
    private final InboundThread inbound;
    private final InboundChanges changes;
    private final DirectCatchUp catchUp;

    DirectInbound(Directory directory, ChatCommands commands, XmppProperties properties, ChatReplies replies,
                  InboundThread inbound, InboundChanges changes, MessageLog messages, XmppConnection connection) {
        this.changes = changes;
        this.catchUp = new DirectCatchUp(properties, messages);
        this.directory = directory;
        this.commands = commands;
        this.properties = properties;
        this.replies = replies;
        this.inbound = inbound;
        connection.subscribe(this);
    }

    @Override
    public void opened(XmppSession session) {
        catchUpFirst(session);
    }

    @Override
    public void directMessage(XmppSession session, Message message) {
        Jid from = message.getFrom();
        if (from == null || from.asBareJid().toString().equalsIgnoreCase(properties.botJid())) {
            return;
        }
        catchUpFirst(session);
        inbound.execute(() -> direct(message, false));
    }

    /**
     * Queues the session's catch-up ({@link DirectCatchUp}) on the inbound thread once, ahead of the session's first
     * live message, so that the messages an earlier session never took in come first, in the archive's order.
     */
    private void catchUpFirst(XmppSession session) {
        session.attached(DirectCatchUp.Queued.class, s -> {
            inbound.execute(() -> catchUp.run(s, late -> direct(late, true)));
            return new DirectCatchUp.Queued();
        });
    }

    /**
     * {@code late}: a message from the archive ({@link DirectCatchUp}), said while no session took it in: it is taken
     * in by the same rules, except that a command is not answered late, nobody is told again that they are not a
     * member, a correction or retraction is not applied late, and nothing counts towards the flood limit.
     */
    private void direct(Message message, boolean late) {
        Jid from = message.getFrom();
        String bare = from.asBareJid().toString();
        Optional<Member> member = directory.memberByXmpp(bare);
        ChannelAddress channel = ChannelAddress.of(XmppChannels.DIRECT, properties.username());
        if (late && (LineChange.retractedId(message) != null || LineChange.correctedId(message) != null)) {
            return;
        }
        if (!late && (!replies.withinLimit(bare.toLowerCase(Locale.ROOT), channel, from)
                || changes.handled(channel, message, bare))) {
            return;
        }
        String text = Text.clean(message.getBody());
        if (text.isEmpty()) {
            return; // nothing left to pass on (only control characters or blanks)
        }
        boolean post = DirectPost.isPost(text);
        if (late && ((commands.accepts(text) && !post) || member.isEmpty())) {
            log.info("in  {} from {}: a {} said while the bot was away, not answered late", channel, bare,
                    member.isEmpty() ? "message of a non-member" : "command");
            return;
        }
        if (commands.accepts(text) && !post) {
            log.info("in  {} command from {}: answered, not routed", channel, bare);
            replies.tell(from, commands.answer(text, member, bare));
            return;
        }
        if (member.isEmpty()) {
            log.info("in  {} from {}: not a member, nothing routed", channel, bare);
            replies.tell(from, "Hello! I am the Crosspost bot. " + bare + " is not a Crosspost member's address (a "
                    + "member's verified one), so I cannot pass on your message. Put it on your Crosspost profile and "
                    + "tell me the code I send you: !verify CODE. Say !help for commands.");
            return;
        }
        Map<String, String> attributes = new HashMap<>(Map.of("senderJid", bare));
        InboundChanges.keepIds(attributes, message, bare);
        if (post) {
            Optional<DirectPost> named = DirectPost.parse(text);
            if (named.isEmpty()) {
                replies.tell(from, "Usage: " + DirectPost.USAGE);
                return;
            }
            attributes.put("team", named.get().team());
            text = named.get().text();
        }
        String serverId = Stanzas.stanzaIdBy(message, properties.botJid());
        String externalId = serverId != null ? serverId
                : message.getStanzaId() == null ? null : bare + "/" + message.getStanzaId();
        inbound.accept(new IncomingMessage(UUID.randomUUID().toString(), channel, externalId, member.get().id(),
                        member.get().name(), text, Instant.now(), null, attributes),
                () -> replies.tell(from, "Sorry, I could not pass on your message just now (Crosspost has a "
                        + "problem). Please send it again in a few minutes."));
    }
}

package dev.crosspost.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.message_correct.element.MessageCorrectExtension;
import org.jivesoftware.smackx.message_fastening.element.FasteningElement;
import org.jivesoftware.smackx.message_retraction.element.RetractElement;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** A person with a plain XMPP client (Smack), independent of Crosspost's bot: joins rooms, says, reads. */
public final class XmppPerson implements AutoCloseable {

    /** A line seen in a room: who said it (nickname), the text, and whether it came as history. */
    public record Line(String nickname, String text, boolean history) {
    }

    /**
     * A message seen in a room, with what it does: says a line ({@code change} null), corrects the line with stanza
     * id {@code of} (XEP-0308: "correct") or takes it back (XEP-0424: "retract"), as this client reads it.
     *
     * @param id the stanza's id
     */
    public record Seen(String nickname, String id, String text, String change, String of) {
    }

    /**
     * This person's roster entry for someone: the subscription ({@code none}, {@code to}: I see their presence,
     * {@code from}: they see mine, {@code both}; {@code absent} without an entry) and whether a request is pending.
     */
    public record Contact(String subscription, boolean pending) {
    }

    private final String name;
    private final XMPPTCPConnection connection;
    private final Map<String, MultiUserChat> rooms = new ConcurrentHashMap<>();
    private final Map<String, List<Line>> lines = new ConcurrentHashMap<>();
    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final List<String> direct = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<String> contactRequests = new CopyOnWriteArrayList<>();

    private XmppPerson(String name, XMPPTCPConnection connection) {
        this.name = name;
        this.connection = connection;
    }

    /** Logs in with a client that denies every presence subscription request (Smack's default). */
    public static XmppPerson login(String name) {
        return login(name, false, TestServers.prosody().port());
    }

    /** As {@link #login(String)}, on another Prosody than the shared one (a test that runs its own). */
    public static XmppPerson login(String name, ProsodyServer server) {
        return login(name, false, server.port());
    }

    /**
     * Logs in with a client that approves every presence subscription request, as a person clicking "accept"
     * on the bot's contact request. Requests stored by the server while offline are answered at login.
     */
    public static XmppPerson loginApprovingContacts(String name) {
        return login(name, true, TestServers.prosody().port());
    }

    private static XmppPerson login(String name, boolean approveContacts, int port) {
        return login(port, name, approveContacts);
    }

    /** Logs in to another Prosody than the tests' shared one (one started for a single test). */
    public static XmppPerson login(ProsodyServer server, String name) {
        return login(server.port(), name, false);
    }

    private static XmppPerson login(String name, boolean approveContacts) {
        return login(TestServers.prosody().port(), name, approveContacts);
    }

    private static XmppPerson login(int port, String name, boolean approveContacts) {
        try {
            var config = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(ProsodyServer.DOMAIN)
                    .setHostAddressByNameOrIp("127.0.0.1")
                    .setPort(port)
                    .setUsernameAndPassword(name, ProsodyServer.password(name))
                    .setResource("test-" + System.nanoTime())
                    .setSecurityMode(SecurityMode.disabled)
                    .build();
            var connection = new XMPPTCPConnection(config);
            ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection();
            var person = new XmppPerson(name, connection);
            connection.addAsyncStanzaListener(s -> {
                Message m = (Message) s;
                if (m.getBody() != null) {
                    person.direct.add(m.getBody());
                    if (DelayInformation.from(m) != null) {
                        person.stored.add(m.getBody());
                    }
                }
            }, MessageTypeFilter.NORMAL_OR_CHAT);
            Roster.getInstanceFor(connection).addSubscribeListener((from, request) -> {
                person.contactRequests.add(from.asBareJid().toString());
                return approveContacts ? SubscribeAnswer.Approve : SubscribeAnswer.Deny;
            });
            connection.connect().login();
            return person;
        } catch (Exception e) {
            throw new AssertionError("cannot log in as " + name + ": " + e, e);
        }
    }

    public String jid() {
        return ProsodyServer.jid(name);
    }

    public String nickname() {
        return name;
    }

    /** Joins an existing room (never creates one) and records its lines; history too, marked as such. */
    public void join(String room, int historyStanzas) {
        joinAs(room, name, historyStanzas);
    }

    /** {@link #join} under another nickname (anyone may pick any free nickname in a room). */
    public void joinAs(String room, String nickname, int historyStanzas) {
        try {
            MultiUserChat muc = recorded(room);
            var builder = muc.getEnterConfigurationBuilder(Resourcepart.from(nickname));
            var enter = historyStanzas == 0 ? builder.requestNoHistory().build()
                    : builder.requestMaxStanzasHistory(historyStanzas).build();
            muc.join(enter);
            rooms.put(room, muc);
        } catch (Exception e) {
            throw new AssertionError(name + " cannot join " + room + ": " + e, e);
        }
    }

    /** Creates a room as a person's client does: Prosody keeps it locked until the configuration is sent. */
    public void createInstantRoom(String room) {
        try {
            MultiUserChat muc = recorded(room);
            muc.create(Resourcepart.from(name)).makeInstant();
            rooms.put(room, muc);
        } catch (Exception e) {
            throw new AssertionError(name + " cannot create " + room + ": " + e, e);
        }
    }

    private MultiUserChat recorded(String room) throws Exception {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(JidCreate.entityBareFrom(room));
        List<Line> seen = lines.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>());
        List<Seen> all = this.seen.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>());
        muc.addMessageListener(m -> {
            all.add(seen(m));
            if (m.getBody() != null) {
                seen.add(new Line(m.getFrom() == null ? "" : m.getFrom().getResourceOrEmpty().toString(), m.getBody(),
                        DelayInformation.from(m) != null));
            }
        });
        return muc;
    }

    public void say(String room, String text) {
        try {
            rooms.get(room).sendMessage(text);
        } catch (Exception e) {
            throw new AssertionError(name + " cannot say in " + room + ": " + e, e);
        }
    }

    /** Says a line with this stanza id and origin-id, as clients that correct and retract do. */
    public void say(String room, String text, String id) {
        send(room, StanzaBuilder.buildMessage(id).setBody(text));
    }

    /** Corrects the line with stanza id {@code of} (XEP-0308), as Conversations, Gajim or Dino do. */
    public void correct(String room, String of, String text) {
        var m = StanzaBuilder.buildMessage("c-" + System.nanoTime()).setBody(text);
        m.addExtension(new MessageCorrectExtension(of));
        send(room, m);
    }

    /** Takes back the line with origin-id {@code of}: XEP-0424's {@code :1} form (no fastening). */
    public void retract(String room, String of) {
        var m = StanzaBuilder.buildMessage("r-" + System.nanoTime())
                .setBody("This person attempted to retract a previous message, but it's unsupported by your client.");
        m.addExtension(StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1")
                .addAttribute("id", of).build());
        send(room, m);
    }

    private void send(String room, MessageBuilder message) {
        String id = message.getStanzaId();
        message.addExtension(new OriginIdElement(id));
        try {
            rooms.get(room).sendMessage(message);
        } catch (Exception e) {
            throw new AssertionError(name + " cannot send in " + room + ": " + e, e);
        }
    }

    /** Writes to {@code jid} directly with this stanza id and origin-id. */
    public void tell(String jid, String text, String id) {
        tellDirect(jid, StanzaBuilder.buildMessage(id).setBody(text));
    }

    /** Corrects the direct message with stanza id {@code of} (XEP-0308). */
    public void correctDirect(String jid, String of, String text) {
        var m = StanzaBuilder.buildMessage("c-" + System.nanoTime()).setBody(text);
        m.addExtension(new MessageCorrectExtension(of));
        tellDirect(jid, m);
    }

    private void tellDirect(String jid, MessageBuilder message) {
        message.addExtension(new OriginIdElement(message.getStanzaId()));
        try {
            connection.sendStanza(message.to(JidCreate.from(jid)).ofType(Message.Type.chat).build());
        } catch (Exception e) {
            throw new AssertionError(name + " cannot write to " + jid + ": " + e, e);
        }
    }

    /** Everything seen in the room since joining, in order, with corrections and retractions as such. */
    public List<Seen> seen(String room) {
        return List.copyOf(seen.getOrDefault(room, List.of()));
    }

    private static Seen seen(Message m) {
        String nickname = m.getFrom() == null ? "" : m.getFrom().getResourceOrEmpty().toString();
        var replace = MessageCorrectExtension.from(m);
        if (replace != null) {
            return new Seen(nickname, m.getStanzaId(), m.getBody(), "correct", replace.getIdInitialMessage());
        }
        for (var e : m.getExtensions()) {
            if (e instanceof FasteningElement f && f.getWrappedPayloads().stream()
                    .anyMatch(p -> p instanceof RetractElement)) {
                return new Seen(nickname, m.getStanzaId(), m.getBody(), "retract",
                        f.getReferencedStanzasOriginId().getId());
            }
        }
        return new Seen(nickname, m.getStanzaId(), m.getBody(), null, null);
    }

    /** The nicknames in the room, as this person's client sees them. */
    public List<String> occupants(String room) {
        return rooms.get(room).getOccupants().stream().map(j -> j.getResourceOrEmpty().toString()).toList();
    }

    /** Kicks an occupant (this person must be a moderator, e.g. the room's creator). */
    public void kick(String room, String nickname) {
        try {
            rooms.get(room).kickParticipant(Resourcepart.from(nickname), "test");
        } catch (Exception e) {
            throw new AssertionError(name + " cannot kick " + nickname + ": " + e, e);
        }
    }

    public void tell(String jid, String text) {
        try {
            connection.sendStanza(connection.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(jid)).ofType(Message.Type.chat).setBody(text).build());
        } catch (Exception e) {
            throw new AssertionError(name + " cannot write to " + jid + ": " + e, e);
        }
    }

    /** Every line seen in the room since joining (live and history). */
    public List<Line> lines(String room) {
        return List.copyOf(lines.getOrDefault(room, List.of()));
    }

    /** The texts of the lines seen in the room that contain {@code part}. */
    public List<String> linesContaining(String room, String part) {
        return lines(room).stream().map(Line::text).filter(t -> t.contains(part)).toList();
    }

    /** Every direct message received. */
    public List<String> directMessages() {
        return List.copyOf(direct);
    }

    /** The direct messages the server kept while this person was offline (they carry a delay, XEP-0203). */
    public List<String> storedMessages() {
        return List.copyOf(stored);
    }

    /** Asks to see {@code jid}'s presence (adds them as a contact). */
    public void askForPresenceOf(String jid) {
        try {
            Roster.getInstanceFor(connection).sendSubscriptionRequest(JidCreate.bareFrom(jid));
        } catch (Exception e) {
            throw new AssertionError(name + " cannot ask for the presence of " + jid + ": " + e, e);
        }
    }

    /** This person's roster entry for {@code jid}, as their client sees it now. */
    public Contact contact(String jid) {
        try {
            RosterEntry entry = Roster.getInstanceFor(connection).getEntry(JidCreate.bareFrom(jid));
            return entry == null ? new Contact("absent", false)
                    : new Contact(entry.getType().name(), entry.isSubscriptionPending());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Whose presence subscription requests this client got (bare JIDs, in order). */
    public List<String> contactRequests() {
        return List.copyOf(contactRequests);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}

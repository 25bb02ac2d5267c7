package dev.crosspost.xmpp.presence;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.xmpp.connection.XmppSession;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link Presence} from the bot's roster. A member is {@code ONLINE} or {@code OFFLINE} once the bot may see
 * their presence (roster subscription {@code to} or {@code both}) and has heard it on the current connection;
 * anything else is {@code UNKNOWN}: no contact, not approved (yet), the bot disconnected, XMPP switched off.
 * <p>
 * Presence subscriptions: a request from a member's address (the directory's {@code xmpp} user info) is approved
 * and asked back, so presence is mutual; a stranger's is denied. Every connection of the bot has its own Smack
 * roster, set up here before it logs in; the server keeps the roster, so it survives reconnects.
 */
@Component
class RosterPresence implements Presence, XmppSession.Setup {

    private static final Logger log = LoggerFactory.getLogger(RosterPresence.class);

    /** The roster of one connection, and whose presence was heard on it. */
    private record Contacts(XMPPConnection connection, Roster roster, Set<BareJid> heard) {
    }

    private final Directory directory;
    private volatile Contacts current;

    RosterPresence(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void beforeLogin(XMPPConnection connection) {
        Roster roster = Roster.getInstanceFor(connection);
        Set<BareJid> heard = ConcurrentHashMap.newKeySet();
        roster.addSubscribeListener((from, request) -> answer(from)); // also switches the roster to manual mode
        roster.addRosterListener(new AbstractRosterListener() {
            @Override
            public void presenceChanged(org.jivesoftware.smack.packet.Presence presence) {
                heard.add(presence.getFrom().asBareJid());
            }
        });
        current = new Contacts(connection, roster, heard);
    }

    @Override
    public State of(String bareJid) {
        Contacts c = current;
        BareJid jid = parse(bareJid);
        if (c == null || jid == null || !c.connection().isAuthenticated() || !c.roster().isLoaded()) {
            return State.UNKNOWN;
        }
        RosterEntry entry = c.roster().getEntry(jid);
        return state(entry == null ? null : entry.getType(), c.heard().contains(jid),
                c.roster().getPresence(jid).isAvailable());
    }

    /**
     * What the roster tells: only a contact whose presence the bot may see ({@code to}, {@code both}) and has
     * heard since it logged in is online or offline (just after a login the roster is there before the presences).
     *
     * @param type the roster subscription, {@code null} when the address is no contact
     */
    static State state(ItemType type, boolean heard, boolean available) {
        if ((type != ItemType.to && type != ItemType.both) || !heard) {
            return State.UNKNOWN;
        }
        return available ? State.ONLINE : State.OFFLINE;
    }

    @Override
    public void watch(String bareJid) {
        Contacts c = current;
        BareJid jid = parse(bareJid);
        if (c == null || jid == null || !c.connection().isAuthenticated()) {
            return;
        }
        RosterEntry entry = c.roster().getEntry(jid);
        if (entry != null && (entry.canSeeHisPresence() || entry.isSubscriptionPending())) {
            return;
        }
        try {
            c.roster().sendSubscriptionRequest(jid);
            log.info("xmpp presence of {}: asked for it", jid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("xmpp presence of {}: could not ask for it: {}", jid, e.toString());
        }
    }

    /** Called on a Smack thread for each presence subscription request. */
    private SubscribeAnswer answer(Jid from) {
        String bare = from.asBareJid().toString();
        try {
            var member = directory.memberByXmpp(bare);
            if (member.isPresent()) {
                log.info("xmpp presence subscription from {} (member {}): approved, and asked back", bare,
                        member.map(Member::id).get());
                return SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
            }
            log.info("xmpp presence subscription from {}: denied, not a member's address", bare);
            return SubscribeAnswer.Deny;
        } catch (RuntimeException e) {
            // No answer: the server keeps the request and offers it again at the bot's next login.
            log.warn("xmpp presence subscription from {}: left unanswered, directory failed: {}", bare, e.toString());
            return null;
        }
    }

    private static BareJid parse(String bareJid) {
        try {
            return bareJid == null ? null : JidCreate.bareFrom(bareJid);
        } catch (Exception e) {
            return null;
        }
    }
}

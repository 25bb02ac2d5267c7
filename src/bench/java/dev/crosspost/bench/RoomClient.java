package dev.crosspost.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import dev.crosspost.support.ProsodyServer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * One bare Smack client in one room: independent of Crosspost (own account, own connection), it hears every live
 * line of the room, with the {@link System#nanoTime()} it arrived, and can say lines.
 */
final class RoomClient implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final MultiUserChat room;
    /** When each occupant (by nickname) last came into the room, as this client saw its presence. */
    private final Map<String, Long> joined;

    private RoomClient(XMPPTCPConnection connection, MultiUserChat room, Map<String, Long> joined) {
        this.connection = connection;
        this.room = room;
        this.joined = joined;
    }

    /**
     * Logs in as {@code user} and joins {@code roomJid} as {@code nickname}, creating it (instant room) when it does
     * not exist; retries while the room is still locked by its creator (Prosody's {@code muc_room_locking}).
     * {@code onLine} gets each live line's body and arrival time; history and the room's echoes of this client's
     * own lines are not delivered to it.
     */
    static RoomClient join(int port, String user, String roomJid, String nickname, BiConsumer<String, Long> onLine)
            throws Exception {
        return join(port, user, roomJid, nickname, onLine, (line, nanos) -> { });
    }

    /** As above; {@code onOwn} gets the room's echoes of this client's own lines (the room has taken them). */
    static RoomClient join(int port, String user, String roomJid, String nickname, BiConsumer<String, Long> onLine,
                           BiConsumer<String, Long> onOwn) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ProsodyServer.DOMAIN).setHost("127.0.0.1").setPort(port)
                .setUsernameAndPassword(user, ProsodyServer.password(user)).setResource("bench")
                .setSecurityMode(SecurityMode.disabled).setSendPresence(true).build();
        var connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(10_000);
        connection.connect().login();
        var muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(JidCreate.entityBareFrom(roomJid));
        var nick = Resourcepart.from(nickname);
        muc.addMessageListener(message -> {
            long now = System.nanoTime();
            var from = message.getFrom();
            boolean own = from != null && from.hasResource() && nick.equals(from.getResourceOrNull());
            if (message.getBody() != null && DelayInformation.from(message) == null) {
                (own ? onOwn : onLine).accept(message.getBody(), now);
            }
        });
        Map<String, Long> joined = new ConcurrentHashMap<>();
        muc.addParticipantListener(presence -> {
            long now = System.nanoTime();
            if (presence.getFrom() == null || !presence.getFrom().hasResource()) {
                return;
            }
            String occupant = presence.getFrom().getResourceOrEmpty().toString();
            if (presence.isAvailable()) {
                joined.put(occupant, now);
            } else {
                joined.remove(occupant);
            }
        });
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                var handle = muc.createOrJoin(muc.getEnterConfigurationBuilder(nick).requestNoHistory().build());
                if (handle != null) {
                    handle.makeInstant();
                }
                return new RoomClient(connection, muc, joined);
            } catch (XMPPException.XMPPErrorException e) {
                if (Instant.now().isAfter(deadline)) {
                    connection.disconnect();
                    throw e;
                }
                LockSupport.parkNanos(200_000_000L); // locked until its creator configures it
            }
        }
    }

    /** Says a line; Smack queues it, so this does not wait for the server. */
    void say(String text) {
        try {
            room.sendMessage(text);
        } catch (Exception e) {
            throw new IllegalStateException("cannot say a line in " + room.getRoom(), e);
        }
    }

    /**
     * When the occupant {@code nickname} last came into the room ({@link System#nanoTime()}, as this client saw its
     * available presence), or 0 while it is not in the room.
     */
    long joinedAt(String nickname) {
        return joined.getOrDefault(nickname, 0L);
    }

    /** Whether its connection is up and it is in the room. */
    boolean connected() {
        return connection.isConnected() && connection.isAuthenticated() && room.isJoined();
    }

    @Override
    public void close() {
        try {
            if (room.isJoined()) {
                room.leave();
            }
        } catch (Exception ignored) {
            // leaving is a courtesy; the disconnect removes the occupant anyway
        }
        connection.disconnect();
    }
}

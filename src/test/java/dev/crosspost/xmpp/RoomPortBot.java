package dev.crosspost.xmpp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;
import dev.crosspost.xmpp.connection.XmppConnection;
import dev.crosspost.xmpp.connection.XmppProperties;
import dev.crosspost.xmpp.room.RoomArchive;
import dev.crosspost.xmpp.room.Rooms;

/**
 * One run of a bot of the room-port ITs, without Spring: account judy through {@code link}, in one room; its
 * connection, rooms, archive and the room port made of them.
 */
record RoomPortBot(XmppConnection connection, Rooms rooms, XmppRoomOutbound port) implements AutoCloseable {

    /** Starts the bot and returns once it is in {@code room} (creating it when it is new). */
    static RoomPortBot start(TcpProxy link, String room, Duration replyTimeout) {
        var p = new XmppProperties(true, "127.0.0.1", link.port(), ProsodyServer.DOMAIN, "judy",
                ProsodyServer.password("judy"), "port-it", "porter", List.of(room), XmppProperties.Tls.DISABLED, "",
                replyTimeout, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofSeconds(2), 32, XmppProperties.Guests.SHOW_MARKED, 20, Duration.ofMinutes(1),
                Duration.ZERO);
        var connection = new XmppConnection(p, List.of(), new dev.crosspost.cluster.SoleLeader());
        var rooms = new Rooms(p, connection);
        var bot = new RoomPortBot(connection, rooms, new XmppRoomOutbound(p, rooms, new RoomArchive(rooms),
                new dev.crosspost.cluster.SoleLeader()));
        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> rooms.states().getOrDefault(room, false));
        return bot;
    }

    /** A line as the outbox hands it to the port, with a fresh stable id. */
    static OutgoingMessage line(String text) {
        String messageId = UUID.randomUUID().toString();
        return new OutgoingMessage(OutgoingMessage.idFor(messageId, "Task_PortIt"), messageId,
                ChannelAddress.parse("shoutbox:it"), "it", "IT", text);
    }

    @Override
    public void close() {
        connection.stop();
        rooms.stop();
    }
}

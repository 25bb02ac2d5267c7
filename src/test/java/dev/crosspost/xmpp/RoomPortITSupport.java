package dev.crosspost.xmpp;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the room-port ITs share: for each test a fresh room and a bot of its own ({@link RoomPortBot}) in it, reaching
 * the test's Prosody through the test class's proxy ({@link #link()}), which the test can hold or cut.
 */
abstract class RoomPortITSupport {

    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DELIVERY = Duration.ofSeconds(30);
    /** Smack logs a connection it lost with its stack trace; here the test cuts it on purpose. */
    private static final Logger SMACK = Logger.getLogger("org.jivesoftware.smack.AbstractXMPPConnection");

    String room;
    ChannelAddress target;
    RoomPortBot bot;

    /** The proxy between the bot and the test's Prosody (the test class starts it in its {@code @BeforeAll}). */
    abstract TcpProxy link();

    @BeforeAll
    static void quietSmack() {
        SMACK.setLevel(Level.SEVERE);
    }

    @BeforeEach
    void botInAFreshRoom() {
        room = ProsodyServer.freshRoom();
        target = ChannelAddress.parse("xmpp-room:" + room);
        bot = RoomPortBot.start(link(), room, REPLY_TIMEOUT);
    }

    @AfterEach
    void stopBot() {
        link().forward();
        bot.close();
    }
}

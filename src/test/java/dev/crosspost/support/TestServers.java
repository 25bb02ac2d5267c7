package dev.crosspost.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers the integration tests talk to, started once per JVM (Prosody, GreenMail, the SMS
 * gateway stand-in), and the properties that point Crosspost at them.
 */
public final class TestServers {

    /** The team room the shipped processes use. */
    public static final String TEAM_ROOM = "team@" + ProsodyServer.MUC;

    private static ProsodyServer prosody;

    private TestServers() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        // Each adapter's servers add themselves here.
        ProsodyServer xmpp = prosody();
        registry.add("crosspost.xmpp.enabled", () -> "true");
        registry.add("crosspost.xmpp.host", () -> "127.0.0.1");
        registry.add("crosspost.xmpp.port", () -> String.valueOf(xmpp.port()));
        registry.add("crosspost.xmpp.domain", () -> ProsodyServer.DOMAIN);
        registry.add("crosspost.xmpp.username", () -> ProsodyServer.BOT);
        registry.add("crosspost.xmpp.password", () -> ProsodyServer.BOT_PASSWORD);
        registry.add("crosspost.xmpp.rooms", () -> TEAM_ROOM);
        registry.add("crosspost.xmpp.tls", () -> "disabled");
        // Short waits, so that the outage test sees the bot back within seconds.
        registry.add("crosspost.xmpp.reconnect-min", () -> "200ms");
        registry.add("crosspost.xmpp.reconnect-max", () -> "2s");
        registry.add("crosspost.xmpp.room-check-interval", () -> "2s");
        registry.add("crosspost.xmpp.reply-timeout", () -> "5s");
    }

    /** The one Prosody of this JVM, started on first use. */
    public static synchronized ProsodyServer prosody() {
        if (prosody == null) {
            prosody = ProsodyServer.startNew();
        }
        return prosody;
    }
}

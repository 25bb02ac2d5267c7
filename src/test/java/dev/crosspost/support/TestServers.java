package dev.crosspost.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers the integration tests talk to, started once per JVM (Prosody, GreenMail, the SMS
 * gateway stand-in), and the properties that point Crosspost at them.
 */
public final class TestServers {

    /** The SMS gateway's account in the tests. */
    public static final String SMS_SID = "ACit0000000000000000000000000000";
    public static final String SMS_TOKEN = "it-sms-token";
    public static final String SMS_FROM = "+15550000000";
    public static final String SMS_PATH = "/2010-04-01/Accounts/" + SMS_SID + "/Messages.json";

    private static GreenMail mail;
    private static int smtpPort;
    private static WireMockServer sms;

    /** The team room the shipped processes use. */
    public static final String TEAM_ROOM = "team@" + ProsodyServer.MUC;

    private static ProsodyServer prosody;
    private static TcpProxy botLink;

    private TestServers() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        startMail();
        startSms();
        registry.add("crosspost.mail.enabled", () -> "true");
        registry.add("crosspost.mail.from", () -> "crosspost@crosspost.test");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
        // a stopped SMTP server must fail a send quickly, not hang a job thread
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
        registry.add("crosspost.sms.enabled", () -> "true");
        registry.add("crosspost.sms.base-url", () -> sms.baseUrl() + "/2010-04-01");
        registry.add("crosspost.sms.account-sid", () -> SMS_SID);
        registry.add("crosspost.sms.auth-token", () -> SMS_TOKEN);
        registry.add("crosspost.sms.from", () -> SMS_FROM);
        registry.add("crosspost.sms.timeout", () -> "3s");
        TcpProxy link = botLink();
        registry.add("crosspost.xmpp.enabled", () -> "true");
        registry.add("crosspost.xmpp.host", () -> "127.0.0.1");
        registry.add("crosspost.xmpp.port", () -> String.valueOf(link.port()));
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

    /** The GreenMail SMTP server every IT's mail goes to. */
    public static synchronized GreenMail mail() {
        return mail;
    }

    /** Stops the SMTP server (an outage); {@link #restartMail()} brings it back on the same port. */
    public static synchronized void stopMail() {
        mail.stop();
    }

    public static synchronized void restartMail() {
        mail = newGreenMail();
        mail.start();
    }

    /** The WireMock server standing in for the Twilio-style SMS gateway. */
    public static synchronized WireMockServer sms() {
        return sms;
    }

    private static void startMail() {
        if (mail == null) {
            smtpPort = freePort();
            mail = newGreenMail();
            mail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> mail.stop(), "greenmail-stop"));
        }
    }

    private static GreenMail newGreenMail() {
        return new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    private static void startSms() {
        if (sms == null) {
            sms = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
            sms.start();
            defaultSmsAnswer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> sms.stop(), "wiremock-stop"));
        }
    }

    /** Every send succeeds, as Twilio answers: 201 with the message resource. */
    public static void defaultSmsAnswer() {
        sms.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMit\",\"status\":\"queued\"}")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bot's way to Prosody: a proxy that passes everything on unless a test breaks the connection with it
     * (people in the tests, {@link XmppPerson}, connect to Prosody directly).
     */
    public static synchronized TcpProxy botLink() {
        if (botLink == null) {
            botLink = TcpProxy.start(prosody().port());
        }
        return botLink;
    }

    /** The one Prosody of this JVM, started on first use. */
    public static synchronized ProsodyServer prosody() {
        if (prosody == null) {
            prosody = ProsodyServer.startNew();
        }
        return prosody;
    }
}

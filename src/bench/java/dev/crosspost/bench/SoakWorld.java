package dev.crosspost.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.crosspost.support.CrosspostChild;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TcpProxy;

/**
 * Everything the soak runs on: its Prosody, GreenMail for mail and WireMock for the SMS gateway (the tests' servers,
 * in this JVM), two nodes each reaching PostgreSQL through a proxy of its own (so one node's database link can be
 * cut), and the PostgreSQL to restart. Everything it starts it stops.
 */
final class SoakWorld implements AutoCloseable {

    static final String SMS_SID = "ACsoak000000000000000000000000000";

    final SoakOptions options;
    final ProsodyServer prosody;
    final GreenMail mail;
    final WireMockServer sms;
    final List<TcpProxy> dbLinks = new ArrayList<>();
    Nodes nodes;

    private SoakWorld(SoakOptions options, ProsodyServer prosody, GreenMail mail, WireMockServer sms) {
        this.options = options;
        this.prosody = prosody;
        this.mail = mail;
        this.sms = sms;
    }

    static SoakWorld start(SoakOptions s, Path dir, HttpClient client) throws IOException {
        var mail = new GreenMail(new ServerSetup(CrosspostChild.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        var sms = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(20).disableRequestJournal());
        sms.start();
        sms.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMsoak\",\"status\":\"queued\"}")));
        var world = new SoakWorld(s, BenchProsody.start(), mail, sms);
        try {
            BenchOptions o = s.bench();
            for (int i = 0; i < o.nodes(); i++) {
                world.dbLinks.add(TcpProxy.start(o.pgPort()));
            }
            world.nodes = Nodes.start(o, i -> o.withPgPort(world.dbLinks.get(i).port()), world.settings(), 
                    CrosspostChild.jar(), dir, world.prosody, client);
            return world;
        } catch (IOException | RuntimeException e) {
            world.close();
            throw e;
        }
    }

    /** What every node gets besides the benchmark's settings: mail to GreenMail, SMS to WireMock. */
    private List<String> settings() {
        return List.of("--crosspost.mail.enabled=true", "--crosspost.mail.from=crosspost@soak.test",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort(),
                "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                "--spring.mail.properties.mail.smtp.timeout=5000",
                "--crosspost.sms.enabled=true", "--crosspost.sms.base-url=" + sms.baseUrl() + "/2010-04-01",
                "--crosspost.sms.account-sid=" + SMS_SID, "--crosspost.sms.auth-token=soak-token",
                "--crosspost.sms.from=+15550000000", "--crosspost.sms.timeout=3s",
                // one subscriber gets every shout of the soak: no per-number cap (its default, 10 an hour, would skip them)
                "--crosspost.sms.max-per-hour=0");
    }

    /** Restarts PostgreSQL: the one of {@code --pg-data}, or the machine's cluster. */
    void restartPostgres() throws IOException, InterruptedException {
        List<String> command = options.pgData() == null
                ? List.of("pg_ctlcluster", "15", "main", "restart")
                : List.of("runuser", "-u", owner(options.pgData()), "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D",
                        options.pgData().toString(), "-m", "fast", "-w", "restart", "-l",
                        options.pgData().resolveSibling("pg.log").toString());
        var p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("PostgreSQL restart failed: " + command);
        }
    }

    private static String owner(Path dir) throws IOException {
        return java.nio.file.Files.getOwner(dir).getName();
    }

    /** One query on a connection of its own (the soak restarts PostgreSQL: a held connection would break). */
    long count(String sql) {
        try (var c = Database.connect(options.bench(), options.bench().database()); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    void execute(String sql, Object... params) throws SQLException {
        try (var c = Database.connect(options.bench(), options.bench().database()); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        }
    }

    /** Sends a signal to a process ({@code STOP}, {@code CONT}). */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (nodes != null) {
            nodes.close();
        }
        prosody.close();
        mail.stop();
        sms.stop();
        dbLinks.forEach(TcpProxy::cut);
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}

package dev.crosspost.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every {@code *IT}: the whole app on a random port, on the database {@link TestDatabase} picks,
 * with the real servers of {@link TestServers}. All ITs share this one configuration, so one Spring context
 * (one engine) serves them all. The database outlives a test: use fresh ids ({@link #unique}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // metrics export as in production (tests switch it off by default)
@ActiveProfiles("it")
public abstract class AbstractIT {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "it-admin-secret";

    @LocalServerPort
    protected int port;

    @Autowired
    protected IdentityService identity;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private HistoryService processHistory;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestServers.register(registry);
    }

    /**
     * Waits until the queue of the message (every process instance with it as business key) has run to its end, so
     * that its local effects (shouts, stories) are all written and nothing of it runs any more.
     */
    protected void awaitQueueDone(String messageId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var instances = processHistory.createHistoricProcessInstanceQuery().processInstanceBusinessKey(messageId);
            return instances.count() > 0 && instances.unfinished().count() == 0;
        });
    }

    protected Api admin() {
        return Api.as(port, ADMIN, ADMIN_PASSWORD);
    }

    protected Api as(TestMember member) {
        return Api.as(port, member.id(), member.password());
    }

    protected Api anonymous() {
        return Api.anonymous(port);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new team (Camunda group) and so a new shoutbox. */
    protected String createTeam(String prefix) {
        String id = unique(prefix);
        Group group = identity.newGroup(id);
        group.setName(id);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
        return id;
    }

    /** A new member with a random password, in the given teams. */
    protected TestMember createMember(String prefix, String... teams) {
        String id = unique(prefix);
        String password = UUID.randomUUID().toString();
        User user = identity.newUser(id);
        user.setFirstName(prefix.substring(0, 1).toUpperCase() + prefix.substring(1));
        user.setLastName("Tester");
        user.setEmail(id + "@example.org");
        user.setPassword(password);
        identity.saveUser(user);
        for (String team : teams) {
            identity.createMembership(id, team);
        }
        return new TestMember(id, password, user.getFirstName() + " Tester");
    }

    /**
     * Makes {@code jid} this member's verified XMPP address, and no one else's (the database outlives test runs),
     * as if they had confirmed the code sent there ({@code IdentityIT} goes through the real confirmation).
     */
    protected void linkXmpp(TestMember member, String jid) {
        unlinkXmpp(jid);
        linkVerified(member, "xmpp", jid.toLowerCase(java.util.Locale.ROOT));
    }

    /** Makes {@code address} this member's verified address of {@code kind} ({@code xmpp}, {@code phone}). */
    protected void linkVerified(TestMember member, String kind, String address) {
        jdbc.sql("delete from crosspost.contact_addresses where kind = ? and (member_id = ? or address = ?)")
                .params(kind, member.id(), address).update();
        jdbc.sql("insert into crosspost.contact_addresses (member_id, kind, address, attempts, verified) "
                + "values (?, ?, ?, 0, ?)").params(member.id(), kind, address, address).update();
        identity.setUserInfo(member.id(), kind, address); // after the row: this clears the directory's cache
    }

    /** Makes {@code jid} no member's XMPP address, verified or not. */
    protected void unlinkXmpp(String jid) {
        jdbc.sql("delete from crosspost.contact_addresses where kind = 'xmpp' and address = ?")
                .param(jid.toLowerCase(java.util.Locale.ROOT)).update();
        for (var user : identity.createUserQuery().list()) {
            if (jid.equalsIgnoreCase(identity.getUserInfo(user.getId(), "xmpp"))) {
                identity.deleteUserInfo(user.getId(), "xmpp");
            }
        }
    }

    public record TestMember(String id, String password, String name) {
    }
}

package dev.crosspost.support;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
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

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestServers.register(registry);
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

    /** Makes {@code jid} this member's XMPP address, and no one else's (the database outlives test runs). */
    protected void linkXmpp(TestMember member, String jid) {
        unlinkXmpp(jid);
        identity.setUserInfo(member.id(), "xmpp", jid);
    }

    /** Makes {@code jid} no member's XMPP address. */
    protected void unlinkXmpp(String jid) {
        for (var user : identity.createUserQuery().list()) {
            if (jid.equalsIgnoreCase(identity.getUserInfo(user.getId(), "xmpp"))) {
                identity.deleteUserInfo(user.getId(), "xmpp");
            }
        }
    }

    public record TestMember(String id, String password, String name) {
    }
}

package dev.crosspost.subscription;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.TestServers;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;

/** What the notification ITs share: subscribing, shouting, and reading what GreenMail and the gateway got. */
abstract class NotifySupport extends AbstractIT {

    @Autowired
    protected ManagementService management;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected HistoryService history;

    /** The shipped queue shoutbox-team notifies its subscribers; it-notify is a second, test-only one. */
    protected static final String TEAM = "team";
    protected static final String SECOND = "it-notify";

    private final List<String> members = new java.util.ArrayList<>();

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbcClient;

    protected org.springframework.jdbc.core.simple.JdbcClient jdbc() {
        return jdbcClient;
    }

    /** A member of the teams whose shoutboxes have a queue with a notify task. */
    protected TestMember member(String prefix) {
        ensureTeam(TEAM);
        ensureTeam(SECOND);
        TestMember m = createMember(prefix, TEAM, SECOND);
        members.add(m.id());
        return m;
    }

    private void ensureTeam(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            var group = identity.newGroup(id);
            group.setName(id);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    /** The shared shoutboxes outlive the test (and, on PostgreSQL, the run): its subscribers must not. */
    @org.junit.jupiter.api.AfterEach
    void endSubscriptions() {
        members.forEach(id -> jdbcClient.sql("delete from crosspost.subscriptions where member_id = ?").param(id)
                .update());
    }

    protected String subscribe(TestMember member, String channel, String method, String interval) {
        var response = as(member).post("/api/subscriptions", Api.json(Map.of("channel", channel, "method", method,
                "interval", interval)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** Posts a shout as {@code author}; returns its message id. */
    protected String shout(TestMember author, String team, String text) {
        var response = as(author).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", text)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode json = response.json();
        return json.get("id").asText();
    }

    /** Gives the member this phone number, verified. */
    protected void setPhone(TestMember member, String phone) {
        linkVerified(member, "phone", phone);
    }

    protected static String email(TestMember member) {
        return member.id() + "@example.org";
    }

    protected static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(TestServers.mail().getReceivedMessages()).filter(m -> recipients(m).contains(address))
                .toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            Address[] all = m.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part of a mail, decoded. */
    protected static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString().replace("\r\n", "\n");
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    protected static List<LoggedRequest> smsTo(String phone) {
        return TestServers.sms().findAll(postRequestedFor(urlPathEqualTo(TestServers.SMS_PATH))
                .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))));
    }

    protected static String uniquePhone() {
        return "+1555" + String.format("%07d", (long) (Math.random() * 10_000_000L));
    }

    /** The stable id of the outbox send that notifies one subscription of one message. */
    protected static String outboxId(String messageId, String subscriptionId) {
        return dev.crosspost.message.OutgoingMessage.idFor(messageId, "notify/" + subscriptionId);
    }

    /** A column of the outbox row notifying one subscription of one message ({@code null}: no such row). */
    protected String outbox(String column, String messageId, String subscriptionId) {
        return jdbcClient.sql("select " + column + " from crosspost.outbox where id = ?")
                .param(outboxId(messageId, subscriptionId)).query(String.class).optional().orElse(null);
    }

    /**
     * Waits until every send of the message has its outcome (no outbox row of it PENDING). A send that is SENT or
     * FAILED is never tried again, so what the servers received for the message is final from then on: the test can
     * count exactly, with no quiet window.
     */
    protected void awaitSendsDone(String messageId) {
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbcClient.sql(
                "select count(*) from crosspost.outbox where message_id = ? and status = 'PENDING'")
                .param(messageId).query(Long.class).single() == 0);
    }

    /** As {@link #awaitSendsDone}, for every send to one target ({@code mail:…}, {@code sms:…}), whatever message. */
    protected void awaitNothingPendingTo(String target) {
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbcClient.sql(
                "select count(*) from crosspost.outbox where target = ? and status = 'PENDING'")
                .param(target).query(Long.class).single() == 0);
    }

    /** Runs the digest-daily timer's job now, as the engine would at 07:00. */
    protected void runDailyDigest() {
        var timer = management.createJobQuery().processDefinitionKey("digest-daily").timers().singleResult();
        assertThat(timer).as("the daily timer is scheduled").isNotNull();
        management.executeJob(timer.getId());
    }

    /** The member's digest entries not yet claimed by a digest. */
    protected long queued(TestMember member) {
        return jdbc().sql("select count(*) from crosspost.digest_entries e join crosspost.subscriptions s "
                + "on s.id = e.subscription_id where s.member_id = ? and e.digest_id is null")
                .param(member.id()).query(Long.class).single();
    }
}

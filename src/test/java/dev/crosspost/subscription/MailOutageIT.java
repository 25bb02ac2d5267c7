package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.crosspost.support.Api;
import dev.crosspost.support.TestServers;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SMTP down: the outbox retries the mail (attempts and error on its row) and sends it once when SMTP is back;
 * when retries run out (20 s in the ITs) it is an incident in Cockpit, whose Retry sends it.
 */
class MailOutageIT extends NotifySupport {

    private static final Duration OUTAGE_SEEN = Duration.ofSeconds(30);

    @AfterEach
    void smtpBack() {
        if (!TestServers.mail().isRunning()) {
            TestServers.restartMail();
        }
    }

    @Test
    void aMailDuringAnSmtpOutageIsRetriedAndArrivesOnceAfterIt() {
        TestMember alice = member("alice");
        TestMember bob = member("bob");
        String subscription = subscribe(bob, "shoutbox:" + TEAM, "mail", "immediate");
        TestServers.stopMail();

        String messageId = shout(alice, TEAM, "while SMTP is down");

        await().atMost(OUTAGE_SEEN).until(() -> Integer.parseInt(outbox("attempts", messageId, subscription)) >= 2);
        assertThat(outbox("status", messageId, subscription)).isEqualTo("PENDING");
        assertThat(outbox("last_error", messageId, subscription)).isNotBlank();
        // visible per channel on /channels and to Prometheus (figures refreshed every few seconds)
        String channel = "mail:" + email(bob);
        await().atMost(OUTAGE_SEEN).until(() -> retrying(channel) == 1);
        await().atMost(OUTAGE_SEEN).until(() -> admin().send(admin().request("/actuator/prometheus")
                .setHeader("Accept", "text/plain").GET()).body()
                .contains("crosspost_outbox_retrying{channel=\"" + channel + "\"} 1.0"));

        TestServers.restartMail();

        await().atMost(OUTAGE_SEEN).until(() -> "SENT".equals(outbox("status", messageId, subscription)));
        awaitSendsDone(messageId);
        assertThat(mailsTo(email(bob))).hasSize(1);
        assertThat(mailsTo(email(alice))).isEmpty();
    }

    @Test
    void whenRetriesRunOutTheMailIsAnIncidentAndRetryInCockpitSendsItOnce() {
        TestMember alice = member("alice");
        TestMember bob = member("bob");
        String subscription = subscribe(bob, "shoutbox:" + TEAM, "mail", "immediate");
        TestServers.stopMail();

        String messageId = shout(alice, TEAM, "SMTP stays down");

        await().atMost(Duration.ofSeconds(150)).until(() -> incident(messageId) != null);
        assertThat(outbox("status", messageId, subscription)).isEqualTo("FAILED");
        Incident incident = incident(messageId);
        assertThat(incident.getIncidentMessage()).isNotBlank();
        assertThat(runtime.getVariable(incident.getProcessInstanceId(), "outboxId"))
                .isEqualTo(outboxId(messageId, subscription));

        TestServers.restartMail();
        // Cockpit's Retry on a failed job: one more retry for the incident's job
        Api.Response retry = admin().put("/engine-rest/job/" + incident.getConfiguration() + "/retries",
                Api.json(Map.of("retries", 1)));
        assertThat(retry.status()).as(retry.body()).isEqualTo(204);

        await().atMost(OUTAGE_SEEN).until(() -> "SENT".equals(outbox("status", messageId, subscription)));
        awaitSendsDone(messageId);
        assertThat(mailsTo(email(bob))).hasSize(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId()).count())
                .as("the delivery-failed instance ended").isZero();
    }

    /** The channel overview's count of retrying sends to {@code channel}. */
    private long retrying(String channel) {
        for (var c : admin().get("/api/channels").json()) {
            if (channel.equals(c.path("address").asText())) {
                return c.path("retrying").asLong();
            }
        }
        return 0;
    }

    private Incident incident(String messageId) {
        return runtime.createIncidentQuery().processDefinitionKeyIn("delivery-failed").list().stream()
                .filter(i -> messageId.equals(runtime.createProcessInstanceQuery()
                        .processInstanceId(i.getProcessInstanceId()).singleResult().getBusinessKey()))
                .findFirst().orElse(null);
    }
}

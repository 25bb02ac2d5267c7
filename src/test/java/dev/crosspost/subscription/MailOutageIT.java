package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;

import dev.crosspost.support.TestServers;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMTP down: the mail job is retried, then an incident; once SMTP is back, a retry sends one mail. */
class MailOutageIT extends NotifySupport {

    @AfterEach
    void smtpBack() {
        if (!TestServers.mail().isRunning()) {
            TestServers.restartMail();
        }
    }

    @Test
    void aMailJobRetriesThenRaisesAnIncidentAndARetryAfterTheOutageSendsOneMail() {
        String team = TEAM;
        TestMember alice = member("alice");
        TestMember bob = member("bob");
        String subscription = subscribe(bob, "shoutbox:" + team, "mail", "immediate");
        TestServers.stopMail();

        String messageId = shout(alice, team, "while SMTP is down");

        await().atMost(Duration.ofSeconds(30)).until(() -> failedJob(messageId, subscription) != null);
        Job job = failedJob(messageId, subscription);
        assertThat(job.getRetries()).as("retried, not given up").isPositive();
        // instead of waiting for R10/PT1M: one more try, now
        management.setJobRetries(job.getId(), 1);
        management.setJobDuedate(job.getId(), new Date());
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createIncidentQuery()
                .processInstanceId(deliveryInstance(messageId, subscription)).count() == 1);
        assertThat(runtime.createIncidentQuery().processInstanceId(deliveryInstance(messageId, subscription))
                .singleResult().getIncidentMessage()).isNotBlank();

        TestServers.restartMail();
        management.setJobRetries(job.getId(), 1);
        management.setJobDuedate(job.getId(), new Date());

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(bob)).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                mailsTo(email(bob)).size() == 1 && deliveryInstance(messageId, subscription) == null);
        assertThat(mailsTo(email(alice))).isEmpty();
    }

    private Job failedJob(String messageId, String subscriptionId) {
        String instance = deliveryInstance(messageId, subscriptionId);
        return instance == null ? null : management.createJobQuery().processInstanceId(instance).withException()
                .singleResult();
    }
}

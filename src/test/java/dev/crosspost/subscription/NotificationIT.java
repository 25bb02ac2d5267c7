package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.support.TestServers;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;

/** Immediate notifications of shouts by mail and SMS, over GreenMail and the WireMock gateway. */
class NotificationIT extends NotifySupport {

    @Test
    void aShoutReachesEachImmediateSubscriberExactlyOnceButNotItsAuthor() throws Exception {
        String team = TEAM;
        TestMember alice = member("alice");
        TestMember bob = member("bob");
        TestMember carol = member("carol");
        String carolsPhone = uniquePhone();
        setPhone(carol, carolsPhone);
        subscribe(alice, "shoutbox:" + team, "mail", "immediate");
        String bobs = subscribe(bob, "shoutbox:" + team, "mail", "immediate");
        subscribe(carol, "shoutbox:" + team, "sms", "immediate");

        String messageId = shout(alice, team, "Release is out\nsecond line");

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(bob)).size() == 1
                && smsTo(carolsPhone).size() == 1);
        awaitSendsDone(messageId);
        assertThat(mailsTo(email(bob))).hasSize(1);
        assertThat(smsTo(carolsPhone)).hasSize(1);
        assertThat(mailsTo(email(alice))).isEmpty();

        MimeMessage mail = mailsTo(email(bob)).get(0);
        assertThat(mail.getMessageID()).isEqualTo("<" + OutgoingMessage.idFor(messageId, "notify/" + bobs)
                + "@crosspost.test>");
        assertThat(mail.getSubject()).contains("shoutbox:" + team).contains("Alice Tester");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/unsubscribe?s=" + bobs + "&t=");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(plainText(mail)).contains("Release is out\nsecond line").contains("Stop these messages: http");

        LoggedRequest sms = smsTo(carolsPhone).get(0);
        assertThat(sms.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (TestServers.SMS_SID + ":" + TestServers.SMS_TOKEN).getBytes()));
        assertThat(sms.getHeader("Idempotency-Key")).isNotBlank();
        assertThat(sms.getBodyAsString()).contains("From=%2B15550000000").contains("Body=");
    }

    @Test
    void aDisplayNameWithALineBreakAddsNoHeader() throws Exception {
        String team = TEAM;
        TestMember eve = member("eve");
        User user = identity.createUserQuery().userId(eve.id()).singleResult();
        user.setFirstName("Eve\r\nBcc: victim@evil.test\r\nSubject: hijacked");
        identity.saveUser(user);
        TestMember bob = member("bob");
        subscribe(bob, "shoutbox:" + team, "mail", "immediate");

        shout(eve, team, "hello\r\nBcc: victim2@evil.test");

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(bob)).size() == 1);
        MimeMessage mail = mailsTo(email(bob)).get(0);
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("Subject")).hasSize(1);
        assertThat(mail.getSubject()).doesNotContain("\r").doesNotContain("\n").contains("Bcc: victim@evil.test");
        assertThat(mail.getHeader("From")).hasSize(1);
        assertThat(mail.getAllRecipients()).hasSize(1);
        assertThat(mailsTo("victim@evil.test")).isEmpty();
        assertThat(mailsTo("victim2@evil.test")).isEmpty();
    }

    @Test
    void theGatewayAnswering500ThenSucceedingSendsOneSms() {
        String team = TEAM;
        TestMember alice = member("alice");
        TestMember carol = member("carol");
        String phone = uniquePhone();
        setPhone(carol, phone);
        String subscription = subscribe(carol, "shoutbox:" + team, "sms", "immediate");
        GatewayStubs.failOnceThenSucceed(phone);

        String messageId = shout(alice, team, "flaky gateway");

        // the outbox retries after its back-off (200 ms in the ITs) and marks the send done
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(outbox("status", messageId, subscription)));
        assertThat(outbox("last_error", messageId, subscription)).contains("500");
        awaitSendsDone(messageId);
        assertThat(smsTo(phone)).hasSize(2);
        var requests = smsTo(phone);
        assertThat(requests.get(0).getHeader("Idempotency-Key")).isEqualTo(requests.get(1).getHeader("Idempotency-Key"));
        assertThat(GatewayStubs.delivered(phone)).isEqualTo(1);
    }

    @Test
    void aGatewayRefusalIsReportedAndNotRetried() {
        String team = TEAM;
        TestMember alice = member("alice");
        TestMember carol = member("carol");
        String phone = uniquePhone();
        setPhone(carol, phone);
        String subscription = subscribe(carol, "shoutbox:" + team, "sms", "immediate");
        GatewayStubs.refuse(phone);

        String messageId = shout(alice, team, "to a bad number");

        // refused for good: the send goes FAILED with the reason, is not retried and raises no incident
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(outbox("status", messageId, subscription)));
        awaitSendsDone(messageId);
        assertThat(smsTo(phone)).hasSize(1);
        assertThat(outbox("last_error", messageId, subscription)).contains("400").contains("not a valid phone number");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("delivery-failed")
                .processInstanceBusinessKey(messageId).count()).isZero();
    }
}

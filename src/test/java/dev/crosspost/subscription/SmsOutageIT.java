package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The SMS gateway down (503) for a while: the SMS is retried with the same idempotency key and accepted once. */
class SmsOutageIT extends NotifySupport {

    @Test
    void anSmsDuringAGatewayOutageArrivesOnceAfterIt() {
        TestMember alice = member("alice");
        TestMember carol = member("carol");
        String phone = uniquePhone();
        setPhone(carol, phone);
        String subscription = subscribe(carol, "shoutbox:" + TEAM, "sms", "immediate");
        var outage = GatewayStubs.down(phone);

        String messageId = shout(alice, TEAM, "while the gateway is down");

        await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(phone).size() >= 3);
        assertThat(outbox("status", messageId, subscription)).isEqualTo("PENDING");
        assertThat(outbox("last_error", messageId, subscription)).contains("503");
        assertThat(GatewayStubs.delivered(phone)).isZero();

        GatewayStubs.up(outage);

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(outbox("status", messageId, subscription)));
        awaitSendsDone(messageId);
        assertThat(GatewayStubs.delivered(phone)).isEqualTo(1);
        assertThat(smsTo(phone).stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(1);
    }
}

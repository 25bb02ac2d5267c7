package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/**
 * At most {@code crosspost.sms.max-per-hour} SMS to one number within an hour (3 in the ITs), counted over the outbox
 * on the test database, sent through the WireMock gateway: notifications over the cap are skipped with the reason,
 * a verification code over it is refused with 429, and other numbers are not affected.
 */
class SmsCapIT extends NotifySupport {

    private static final String CAP_REASON = "over the cap of 3 SMS per hour to %s (crosspost.sms.max-per-hour)";

    @Test
    void fiveShoutsSendThreeSmsToOneSubscriberAndRecordTheOtherTwoAsSkipped() {
        TestMember alice = member("alice");
        TestMember carol = member("carol");
        TestMember erin = member("erin");
        String carolsPhone = uniquePhone();
        String erinsPhone = uniquePhone();
        setPhone(carol, carolsPhone);
        setPhone(erin, erinsPhone);
        String carols = subscribe(carol, "shoutbox:" + TEAM, "sms", "immediate");
        String erins = subscribe(erin, "shoutbox:" + SECOND, "sms", "immediate");

        List<String> shouts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            shouts.add(shout(alice, TEAM, "alert " + i));
        }
        String toErin = shout(alice, SECOND, "for erin");

        shouts.forEach(this::awaitSendsDone);
        awaitSendsDone(toErin);
        assertThat(smsTo(carolsPhone)).hasSize(3);
        assertThat(smsTo(erinsPhone)).hasSize(1);
        assertThat(GatewayStubs.delivered(carolsPhone)).isEqualTo(3);
        assertThat(smsTo(carolsPhone)).extracting(r -> r.getBodyAsString())
                .anyMatch(body -> body.contains("alert+1")).anyMatch(body -> body.contains("alert+3"))
                .noneMatch(body -> body.contains("alert+4") || body.contains("alert+5"));
        for (String shout : shouts.subList(0, 3)) {
            assertThat(delivery(shout, carols)).startsWith("QUEUED to sms:" + carolsPhone);
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outbox("status", shout, carols)));
        }
        for (String shout : shouts.subList(3, 5)) {
            assertThat(delivery(shout, carols)).isEqualTo("SKIPPED (sms:" + carolsPhone + "): "
                    + CAP_REASON.formatted(carolsPhone));
            assertThat(outbox("status", shout, carols)).as("skipped: no row, never retried").isNull();
        }
        // another number has its own count
        assertThat(delivery(toErin, erins)).startsWith("QUEUED to sms:" + erinsPhone);
        assertThat(GatewayStubs.delivered(erinsPhone)).isEqualTo(1);
    }

    @Test
    void settingANumberAgainAndAgainSendsThreeCodesThenIsRefusedWith429() {
        TestMember judy = member("judy");
        String phone = uniquePhone();
        String path = "/api/members/" + judy.id() + "/profile";

        for (int i = 1; i <= 3; i++) {
            var set = as(judy).put(path, Api.json(Map.of("phone", phone)));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.json().path("phoneCodePending").asBoolean()).isTrue();
            // clearing and setting it again gets round the one-minute wait between two codes of one member
            assertThat(as(judy).put(path, Api.json(Map.of("phone", ""))).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> GatewayStubs.delivered(phone) == 3);

        var refused = as(judy).put(path, Api.json(Map.of("phone", phone)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.json().path("message").asText()).startsWith("no code was sent to " + phone + ": "
                + CAP_REASON.formatted(phone) + "; try again in ");
        assertThat(Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow()))
                .isPositive().isLessThanOrEqualTo(3600);
        var profile = as(judy).get(path).json();
        assertThat(profile.path("phone").isNull()).as("nothing changed: " + profile).isTrue();
        assertThat(profile.path("phoneCodePending").asBoolean()).isFalse();
        awaitNothingPendingTo("sms:" + phone);
        assertThat(smsTo(phone)).hasSize(3);

        // another member setting the same number is refused too: the cap is the number's, not the member's
        TestMember mallory = member("mallory");
        var again = as(mallory).put("/api/members/" + mallory.id() + "/profile", Api.json(Map.of("phone", phone)));
        assertThat(again.status()).as(again.body()).isEqualTo(429);
        // and another number is not affected
        String other = uniquePhone();
        var elsewhere = as(mallory).put("/api/members/" + mallory.id() + "/profile", Api.json(Map.of("phone", other)));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> GatewayStubs.delivered(other) == 1);
    }

    /** What the notify task recorded for one subscription: its {@code notified_<subscription>} variable. */
    private String delivery(String messageId, String subscriptionId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(messageId).list().stream()
                .map(pi -> history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                        .variableName("notified_" + subscriptionId).singleResult())
                .filter(v -> v != null)
                .map(v -> String.valueOf(v.getValue()))
                .findFirst().orElse(null), v -> v != null);
    }
}

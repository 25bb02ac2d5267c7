package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.crosspost.support.Api;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Daily digests, sent by running the digest-daily timer as the engine would at 07:00. */
class DigestIT extends NotifySupport {

    @Autowired
    private Digests digests;

    @Test
    void aDailyDigestListsEveryShoutOnceInOrderAndAnEmptyDaySendsNothing() throws Exception {
        String team = TEAM;
        String other = SECOND;
        TestMember alice = member("alice");
        TestMember dave = member("dave");
        subscribe(dave, "shoutbox:" + team, "mail", "daily");
        subscribe(dave, "shoutbox:" + other, "mail", "daily");
        subscribe(alice, "shoutbox:" + team, "mail", "daily");

        shout(alice, team, "one");
        shout(alice, other, "elsewhere");
        shout(alice, team, "two");
        shout(alice, team, "three");
        shout(dave, team, "dave's own");
        await().atMost(Duration.ofSeconds(30)).until(() -> queued(dave) == 4 && queued(alice) == 1);
        assertThat(mailsTo(email(dave))).as("no immediate mail for a digest subscriber").isEmpty();

        runDailyDigest();

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(dave)).size() == 1);
        MimeMessage digest = mailsTo(email(dave)).get(0);
        String body = plainText(digest);
        assertThat(digest.getSubject()).contains("daily digest: 4 messages");
        assertThat(body).containsSubsequence("== shoutbox:" + team + " ==", "Alice Tester: one", "Alice Tester: two",
                "Alice Tester: three");
        assertThat(body).contains("== shoutbox:" + other + " ==").contains("Alice Tester: elsewhere");
        assertThat(body).doesNotContain("dave's own");
        assertThat(body.split("Alice Tester: two", -1)).as("each shout once").hasSize(2);
        assertThat(digest.getHeader("List-Unsubscribe")).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(alice)).size() == 1);

        // the next day nothing new: nothing sent; the entries were claimed by exactly one digest
        runDailyDigest();
        awaitNothingPendingTo("mail:" + email(dave));
        awaitNothingPendingTo("mail:" + email(alice));
        assertThat(mailsTo(email(dave))).hasSize(1);
        assertThat(mailsTo(email(alice))).hasSize(1);
        assertThat(jdbc().sql("select count(distinct digest_id) from crosspost.digest_entries e "
                + "join crosspost.subscriptions s on s.id = e.subscription_id where s.member_id = ? "
                + "and e.digest_id is not null").param(dave.id()).query(Long.class).single()).isEqualTo(1);

        // a retried delivery of the same digest sends nothing a second time
        String digestId = jdbc().sql("select id from crosspost.digests where member_id = ?").param(dave.id())
                .query(String.class).single();
        assertThat(digests.deliver(digestId, java.time.Instant.now())).startsWith("SKIPPED: sent at");
        awaitNothingPendingTo("mail:" + email(dave));
        assertThat(mailsTo(email(dave))).hasSize(1);
    }

    @Test
    void aDigestNotYetSentHasTheEditedTextAndLeavesADeletedShoutOut() throws Exception {
        TestMember alice = member("alice");
        TestMember erin = member("erin");
        subscribe(erin, "shoutbox:" + TEAM, "mail", "daily");
        shout(alice, TEAM, "kept as it was");
        String edited = shout(alice, TEAM, "meeting in room 2");
        String deleted = shout(alice, TEAM, "wrong team, sorry");
        await().atMost(Duration.ofSeconds(30)).until(() -> queued(erin) == 3);

        String path = "/api/shoutboxes/" + TEAM + "/shouts/";
        assertThat(as(alice).patch(path + edited, Api.json(Map.of("text", "meeting in room 3"))).status())
                .isEqualTo(200);
        assertThat(as(alice).delete(path + deleted).status()).isEqualTo(204);

        runDailyDigest();

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(erin)).size() == 1);
        MimeMessage digest = mailsTo(email(erin)).get(0);
        String body = plainText(digest);
        assertThat(digest.getSubject()).contains("daily digest: 2 messages");
        assertThat(body).containsSubsequence("Alice Tester: kept as it was", "Alice Tester: meeting in room 3");
        assertThat(body).doesNotContain("room 2").doesNotContain("wrong team");
    }
}

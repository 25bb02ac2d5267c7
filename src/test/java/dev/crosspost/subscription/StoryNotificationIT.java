package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/** {@code event:story} notifications carry only the stories each subscriber may read (issue 12). */
class StoryNotificationIT extends NotifySupport {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Test
    void aTeamsStoryIsNotifiedToItsMembersOnlyAStoryForAllToEveryone() {
        String secret = createTeam("secret");
        TestMember author = member("author");
        identity.createMembership(author.id(), secret);
        TestMember insider = member("insider");
        identity.createMembership(insider.id(), secret);
        TestMember outsider = member("outsider");
        subscribe(insider, "event:story", "mail", "immediate");
        subscribe(outsider, "event:story", "mail", "immediate");

        String hidden = unique("Secret plans");
        write(author, hidden, secret);
        String open = unique("Open news");
        write(author, open, null);

        await().atMost(DELIVERY).until(() -> mailsTo(email(insider)).stream().filter(m -> about(m, hidden)).count() == 1
                && mailsTo(email(insider)).stream().filter(m -> about(m, open)).count() == 1
                && mailsTo(email(outsider)).stream().filter(m -> about(m, open)).count() == 1);
        // the insider's mail of the hidden story came from the same job that would have written the outsider's
        awaitNothingPendingTo("mail:" + email(outsider));
        assertThat(mailsTo(email(outsider))).noneMatch(m -> about(m, hidden));
    }

    @Test
    void aDigestLeavesOutAStoryTheMemberMayNoLongerRead() throws Exception {
        String secret = createTeam("secret");
        TestMember author = member("author");
        identity.createMembership(author.id(), secret);
        TestMember leaver = member("leaver");
        identity.createMembership(leaver.id(), secret);
        subscribe(leaver, "event:story", "mail", "daily");

        String hidden = unique("Before you left");
        write(author, hidden, secret);
        await().atMost(DELIVERY).until(() -> queued(leaver) == 1);
        identity.deleteMembership(leaver.id(), secret); // checked when sent, not only when queued
        String open = unique("For everyone");
        write(author, open, null);
        await().atMost(DELIVERY).until(() -> queued(leaver) == 2);

        runDailyDigest();

        await().atMost(DELIVERY).until(() -> mailsTo(email(leaver)).size() == 1);
        var digest = mailsTo(email(leaver)).get(0);
        assertThat(digest.getSubject()).contains("daily digest: 1 message");
        assertThat(plainText(digest)).contains(open).doesNotContain(hidden);
    }

    private void write(TestMember author, String title, String team) {
        var body = team == null ? Map.of("title", title, "body", "text of " + title)
                : Map.of("title", title, "body", "text of " + title, "team", team);
        var response = as(author).post("/api/stories", Api.json(body));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static boolean about(jakarta.mail.internet.MimeMessage mail, String title) {
        try {
            String text = plainText(mail);
            return text != null && text.contains(title);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

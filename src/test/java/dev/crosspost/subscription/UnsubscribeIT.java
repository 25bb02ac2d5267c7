package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;

import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/** The signed one-click unsubscribe link of notification mails. */
class UnsubscribeIT extends NotifySupport {

    @Test
    void theLinkWorksOnceWithoutLoginRejectsForgeriesAndStopsNotifications() throws Exception {
        String team = TEAM;
        TestMember alice = member("alice");
        TestMember bob = member("bob");
        TestMember carol = member("carol");
        String bobs = subscribe(bob, "shoutbox:" + team, "mail", "immediate");
        String carols = subscribe(carol, "shoutbox:" + team, "mail", "immediate");
        shout(alice, team, "first");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email(bob)).size() == 1);

        String header = mailsTo(email(bob)).get(0).getHeader("List-Unsubscribe")[0];
        String link = header.substring(header.indexOf("/unsubscribe?"), header.length() - 1);
        String token = link.substring(link.indexOf("&t=") + 3);
        Api anonymous = anonymous();

        // altered token, other subscription with bob's token, missing token: all refused, nothing ended
        String altered = link.substring(0, link.length() - 1) + (link.endsWith("A") ? "B" : "A");
        assertThat(oneClick(anonymous, altered).status()).isEqualTo(403);
        assertThat(oneClick(anonymous, "/unsubscribe?s=" + carols + "&t=" + token).status()).isEqualTo(403);
        assertThat(oneClick(anonymous, "/unsubscribe?s=" + bobs + "," + carols + "&t=" + token).status())
                .isEqualTo(403);
        assertThat(oneClick(anonymous, "/unsubscribe?s=" + bobs).status()).isEqualTo(403);
        assertThat(anonymous.get(altered).status()).isEqualTo(403);

        // GET only asks (link scanners must not unsubscribe anyone)
        var confirm = anonymous.send(anonymous.request(link).header("Accept", "text/html").GET());
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("shoutbox:" + team).contains("<form method=\"post\"");
        assertThat(as(bob).get("/api/subscriptions").json()).hasSize(1);

        var done = oneClick(anonymous, link);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Unsubscribed");
        assertThat(oneClick(anonymous, link).status()).as("works once").isEqualTo(410);
        assertThat(as(bob).get("/api/subscriptions").json()).isEmpty();
        assertThat(as(carol).get("/api/subscriptions").json()).hasSize(1);

        String second = shout(alice, team, "second");
        awaitSendsDone(second);
        assertThat(mailsTo(email(carol))).hasSize(2);
        assertThat(mailsTo(email(bob))).hasSize(1);
    }

    /** What a mail client sends for RFC 8058 one-click: a POST with the fixed form body, no cookies. */
    private static Api.Response oneClick(Api anonymous, String link) {
        return anonymous.send(anonymous.request(link).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    }
}

package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The subscriptions page in a real headless Chromium. */
class SubscriptionsPageIT extends AbstractIT {

    @Test
    void aMemberSubscribesAndUnsubscribesFromThePage() {
        String team = createTeam("page");
        TestMember bob = createMember("bob", team);

        try (Browser browser = new Browser()) {
            var driver = browser.driver();
            browser.login(port, bob.id(), bob.password());
            driver.get("http://127.0.0.1:" + port + "/subscriptions");
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> driver.findElement(By.id("empty")).getText()
                    .contains("no channel yet"));
            assertThat(driver.findElement(By.id("table")).isDisplayed()).as("no empty table header").isFalse();

            // the picker offers the member's teams' shoutboxes and the story events
            var channel = new Select(driver.findElement(By.id("channel")));
            assertThat(channel.getOptions()).extracting(o -> o.getAttribute("value"))
                    .contains("shoutbox:" + team, "event:story");
            channel.selectByValue("shoutbox:" + team);
            new Select(driver.findElement(By.id("interval"))).selectByValue("daily");
            driver.findElement(By.id("subscribe")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> driver.findElements(By.cssSelector("#list tr")).size() == 1);
            assertThat(driver.findElement(By.cssSelector("#list tr")).getText()).contains("shoutbox:" + team)
                    .contains("mail").contains("daily");
            assertThat(as(bob).get("/api/subscriptions").json().get(0).get("interval").asText()).isEqualTo("daily");
            assertThat(driver.findElement(By.id("empty")).isDisplayed()).isFalse();

            new Select(driver.findElement(By.id("xmppOffline"))).selectByValue("mail");
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "mail".equals(identity.getUserInfo(bob.id(), "xmppOffline")));
            browser.screenshot("subscriptions-page");

            driver.findElement(By.cssSelector("#list tr button")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> driver.findElements(By.cssSelector("#list tr")).isEmpty());
            assertThat(as(bob).get("/api/subscriptions").json()).isEmpty();
        }
    }
}

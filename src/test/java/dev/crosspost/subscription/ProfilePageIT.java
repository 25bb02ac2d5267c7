package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.crosspost.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * As a new member would: set an e-mail address on the profile page, follow the team's shoutbox by mail from the
 * subscriptions page's picker, and get the next shout as a mail (GreenMail).
 */
class ProfilePageIT extends NotifySupport {

    @Test
    void setAnAddressOnTheProfilePageSubscribeFromThePickerAndGetTheMail() {
        TestMember dora = member("dora");
        TestMember alice = member("alice");
        String address = dora.id() + "@inbox.example";

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            browser.login(port, dora.id(), dora.password());
            driver.get("http://127.0.0.1:" + port + "/");
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElement(By.linkText("Profile")).isDisplayed());
            driver.findElement(By.linkText("Profile")).click();

            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElement(By.id("email")).getAttribute("value").equals(email(dora)));
            assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Dora Tester");
            // only admins change names: a member sees theirs read-only, and why
            assertThat(driver.findElement(By.id("name")).getAttribute("readonly")).isNotNull();
            assertThat(driver.findElement(By.id("name-note")).getText()).contains("Only an admin");
            driver.findElement(By.id("email")).clear();
            driver.findElement(By.id("email")).sendKeys(address);
            driver.findElement(By.id("phone")).sendKeys("+15550001111");
            driver.findElement(By.id("save")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElement(By.id("status")).getText().equals("Saved."));
            assertThat(as(dora).get("/api/members/" + dora.id() + "/profile").json().get("email").asText())
                    .isEqualTo(address);
            browser.screenshot("profile-page");

            driver.get("http://127.0.0.1:" + port + "/subscriptions");
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> new Select(driver.findElement(By.id("channel"))).getOptions().size() >= 2);
            new Select(driver.findElement(By.id("channel"))).selectByValue("shoutbox:" + SECOND);
            new Select(driver.findElement(By.id("method"))).selectByValue("mail");
            new Select(driver.findElement(By.id("interval"))).selectByValue("immediate");
            driver.findElement(By.id("subscribe")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElements(By.cssSelector("#list tr")).size() == 1);
        }

        shout(alice, SECOND, "lunch at noon");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() == 1);
        assertThat(mailsTo(email(dora))).isEmpty();
    }
}

package dev.crosspost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page a member or an admin sees, in a real headless Chromium, as filled in by its scripts: axe-core (the engine
 * of Lighthouse's accessibility audit) finds no violation; each page has a meta description and an icon; the
 * console reports no error (a missing favicon is one); and {@code /favicon.ico} is there. One browser for all pages.
 */
class AccessibilityIT extends AbstractIT {

    @Test
    void everyPageIsAccessibleDescribedAndHasAnIcon() {
        String team = createTeam("a11y");
        TestMember alice = createMember("alice", team);
        Api api = as(alice);
        String edited = api.post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "Stand-up at 10:00")))
                .json().get("id").asText();
        api.patch("/api/shoutboxes/" + team + "/shouts/" + edited, Api.json(Map.of("text", "Stand-up moved to 10:30")));
        String removed = api.post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "oops")))
                .json().get("id").asText();
        api.delete("/api/shoutboxes/" + team + "/shouts/" + removed);
        String story = api.post("/api/stories", Api.json(Map.of("title", "Release 2.4 is out", "body",
                "Thanks to everyone who tested it.", "team", team))).json().get("id").asText();
        as(createMember("bob", team)).post("/api/stories/" + story + "/comments",
                Api.json(Map.of("body", "Well done!")));
        api.post("/api/subscriptions", Api.json(Map.of("channel", "shoutbox:" + team, "method", "mail",
                "interval", "daily")));

        var favicon = anonymous().send(anonymous().request("/favicon.ico", "Accept", "image/*").GET());
        assertThat(favicon.status()).isEqualTo(200);
        assertThat(favicon.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("image/"));

        Map<String, List<String>> faults = new LinkedHashMap<>();
        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            open(driver, "/login?error", "h1");
            inspect(browser, "login (wrong password)", faults);
            open(driver, "/unsubscribe?s=x&t=forged", "h1");
            browser.consoleErrors(); // its 403 is the point of this page: the console names the status
            inspect(browser, "unsubscribe (a forged link)", faults);

            browser.login(port, alice.id(), alice.password());
            Map<String, String> memberPages = new LinkedHashMap<>();
            memberPages.put("home", "/");
            memberPages.put("shoutbox", "/shoutbox/" + team);
            memberPages.put("stories", "/stories");
            memberPages.put("story", "/stories/" + story);
            memberPages.put("subscriptions", "/subscriptions");
            memberPages.put("profile", "/profile");
            for (var page : memberPages.entrySet()) {
                openFilledIn(driver, page.getValue(), alice.id());
                inspect(browser, page.getKey(), faults);
            }
            openFilledIn(driver, "/stories/" + story, alice.id());
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> driver.findElement(By.id("edit"))
                    .isDisplayed());
            driver.findElement(By.id("edit")).click();
            inspect(browser, "story (editing)", faults);
            openFilledIn(driver, "/shoutbox/" + team, alice.id());
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> driver.findElement(
                    By.cssSelector("#shouts .edited")).isDisplayed());
            driver.findElement(By.cssSelector("#shouts button.edit")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> driver.findElement(
                    By.cssSelector("#shouts form.edit-form textarea")).isDisplayed());
            inspect(browser, "shoutbox (editing a shout)", faults);

            driver.manage().deleteAllCookies();
            browser.login(port, ADMIN, ADMIN_PASSWORD);
            for (String page : List.of("/channels", "/removals", "/shoutbox/" + team)) {
                openFilledIn(driver, page, ADMIN);
                inspect(browser, "admin " + page, faults);
            }
        }
        assertThat(faults).as("per page: axe-core violations, missing description or icon, console errors").isEmpty();
    }

    private void open(ChromeDriver driver, String path, String css) {
        driver.get("http://127.0.0.1:" + port + path);
        await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                .until(() -> !driver.findElement(By.cssSelector(css)).getText().isBlank());
    }

    /** Opens a page and waits until its scripts filled it in: the header names the member, no error is shown. */
    private void openFilledIn(ChromeDriver driver, String path, String user) {
        driver.get("http://127.0.0.1:" + port + path);
        await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                .until(() -> driver.findElement(By.cssSelector("header .who")).getText().contains(user));
        await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                .until(() -> driver.findElements(By.cssSelector("#status.error")).isEmpty()
                        || driver.findElement(By.id("status")).getText().isEmpty());
    }

    private static void inspect(Browser browser, String page, Map<String, List<String>> faults) {
        ChromeDriver driver = browser.driver();
        List<String> found = new ArrayList<>(browser.accessibilityViolations());
        if (driver.findElements(By.cssSelector("meta[name=description]")).isEmpty()
                || driver.findElement(By.cssSelector("meta[name=description]")).getAttribute("content").isBlank()) {
            found.add("no meta description");
        }
        if (driver.findElements(By.cssSelector("link[rel=icon]")).isEmpty()) {
            found.add("no icon link");
        }
        found.addAll(browser.consoleErrors().stream().map(e -> "console: " + e).toList());
        if (!found.isEmpty()) {
            faults.put(page, found);
        }
    }
}

package dev.crosspost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page as a member sees it, on a phone (360 px wide) and a desktop (1280 px): nothing sticks out of the
 * page sideways, and a screenshot of each is saved under target/screenshots for a person to look at. Also the
 * story page's edit form (hidden until Edit, hidden again by Cancel) and the branded login page.
 */
class PagesIT extends AbstractIT {

    private static final int[] WIDTHS = {360, 1280};

    @Test
    void everyPageFitsAPhoneAndADesktop() {
        String team = createTeam("pages");
        TestMember alice = createMember("alice", team);
        var api = as(alice);
        api.post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "Stand-up moved to 10:00 today")));
        api.post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text",
                "averyveryverylongwordwithoutanyspacethatmustwrapinsteadofpushingthepagewiderthanthephonescreen")));
        String story = api.post("/api/stories", Api.json(Map.of("title", "Release 2.4 is out", "body",
                "Thanks to everyone who tested it.", "team", team))).json().get("id").asText();
        api.post("/api/stories/" + story + "/comments", Api.json(Map.of("body", "Well done!")));
        api.post("/api/subscriptions", Api.json(Map.of("channel", "shoutbox:" + team, "method", "mail",
                "interval", "daily")));

        Map<String, String> pages = Map.of(
                "home", "/",
                "shoutbox", "/shoutbox/" + team,
                "stories", "/stories",
                "story", "/stories/" + story,
                "subscriptions", "/subscriptions",
                "profile", "/profile");
        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            for (int width : WIDTHS) {
                viewport(driver, width);
                driver.get("http://127.0.0.1:" + port + "/login");
                assertFits(driver, "login", width);
                browser.screenshot("login-" + width);
            }
            browser.login(port, alice.id(), alice.password());
            for (var page : pages.entrySet()) {
                for (int width : WIDTHS) {
                    viewport(driver, width);
                    driver.get("http://127.0.0.1:" + port + page.getValue());
                    // every page fills in its content from the API; wait until the header names the member
                    await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                            .until(() -> driver.findElement(By.cssSelector("header .who")).getText().contains(alice.id()));
                    await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                            .until(() -> driver.findElement(By.id("status")).getText().isEmpty()
                                    || !driver.findElement(By.id("status")).getAttribute("class").contains("error"));
                    assertFits(driver, page.getKey(), width);
                    browser.screenshot(page.getKey() + "-" + width);
                    assertThat(browser.consoleCspViolations()).as(page.getKey() + ": blocked by the CSP").isEmpty();
                }
            }
        }
    }

    @Test
    void theAdminsPagesRunUnderTheContentSecurityPolicy() {
        TestMember alice = createMember("alice", "team");
        String shout = as(alice).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", "to be removed")))
                .json().get("id").asText();
        assertThat(admin().delete("/api/shoutboxes/team/shouts/" + shout).status()).isEqualTo(204);
        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, ADMIN, ADMIN_PASSWORD);
            driver.get("http://127.0.0.1:" + port + "/removals");
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElement(By.id("rows")).getText().contains("shout " + shout.substring(0, 8)));
            browser.screenshot("removals-1100");
            assertThat(browser.consoleCspViolations()).as("removals: blocked by the CSP").isEmpty();
            as(alice).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", "traced")));
            driver.get("http://127.0.0.1:" + port + "/shoutbox/team");
            // cockpit's trace link and home's delete button, both from js/shoutbox.js
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> !driver.findElements(By.cssSelector("#shouts li .trace")).isEmpty()
                            && !driver.findElements(By.cssSelector("#shouts li button.remove")).isEmpty());
            assertThat(browser.consoleCspViolations()).as("shoutbox: blocked by the CSP").isEmpty();
        }
    }

    @Test
    void theStoryFormIsHiddenUntilEditAndCancelHidesIt() {
        TestMember bob = createMember("bob", "team");
        String story = as(bob).post("/api/stories", Api.json(Map.of("title", "Draft", "body", "text"))).json()
                .get("id").asText();
        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, bob.id(), bob.password());
            driver.get("http://127.0.0.1:" + port + "/stories/" + story);
            await().ignoreExceptions().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.findElement(By.id("edit")).isDisplayed());
            var form = driver.findElement(By.id("editor"));
            assertThat(form.isDisplayed()).as("edit form before Edit").isFalse();

            driver.findElement(By.id("edit")).click();
            assertThat(form.isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("edit-title")).getAttribute("value")).isEqualTo("Draft");
            driver.findElement(By.id("cancel")).click();
            assertThat(form.isDisplayed()).as("edit form after Cancel").isFalse();
        }
    }

    @Test
    void theLoginPageIsCrosspostsOwnAndSaysWhyYouAreBack() {
        var page = anonymous().get("/login");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Crosspost</h1>").contains("name=\"_csrf\"")
                .doesNotContain("Please sign in");
        assertThat(anonymous().get("/login?error").body()).contains("Wrong user name or password");
        assertThat(anonymous().get("/login?logout").body()).contains("You are logged out");
    }

    /** Chromium's own window cannot get narrower than ~500 px; the device metrics can. */
    private static void viewport(ChromeDriver driver, int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    @SuppressWarnings("unchecked")
    private static void assertFits(ChromeDriver driver, String page, int width) {
        List<String> offenders = (List<String>) driver.executeScript("""
                const limit = document.documentElement.clientWidth;
                const out = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0) continue;
                  let clipped = false;
                  for (let p = e.parentElement; p; p = p.parentElement) {
                    const o = getComputedStyle(p).overflowX;
                    if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
                  }
                  if (!clipped && (r.right > limit + 1 || r.left < -1)) out.push(e.tagName + '.' + e.className + '#' + e.id);
                }
                if (document.documentElement.scrollWidth > limit + 1) out.push('document ' + document.documentElement.scrollWidth);
                return out;""");
        assertThat(offenders).as(page + " at " + width + " px: elements sticking out of the page").isEmpty();
    }
}

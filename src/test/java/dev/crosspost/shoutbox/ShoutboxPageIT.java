package dev.crosspost.shoutbox;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The shoutbox page in a real headless Chromium. */
class ShoutboxPageIT extends AbstractIT {

    @Test
    void aMemberPostsSeesOthersShoutsLiveAndMarkupStaysText() {
        String team = createTeam("web");
        TestMember alice = createMember("alice", team);
        TestMember bob = createMember("bob", team);

        try (Browser browser = new Browser()) {
            var driver = browser.driver();
            browser.login(port, alice.id(), alice.password());
            driver.get("http://127.0.0.1:" + port + "/shoutbox/" + team);
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> driver.findElement(By.id("title")).getText()
                    .equals("shoutbox:" + team));

            // Alice posts from the page (Enter sends, no reload).
            driver.findElement(By.id("text")).sendKeys("hello from the browser", Keys.ENTER);
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> texts(driver.findElements(By.cssSelector("#shouts .text")))
                    .contains("hello from the browser"));
            assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEmpty();
            var stored = admin().get("/api/shoutboxes/" + team + "/shouts").json();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).get("author").asText()).isEqualTo(alice.id());

            // Bob posts through the API, including markup; it appears live, as text, and runs nothing.
            String script = "<script>window.__xss = 1</script>";
            String img = "<img src=x onerror=\"window.__xss = 2\">";
            as(bob).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "bob says hi")));
            as(bob).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", script)));
            as(bob).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", img)));
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> driver.findElements(By.cssSelector("#shouts li")).size() == 4);

            List<String> shown = texts(driver.findElements(By.cssSelector("#shouts .text")));
            assertThat(shown).containsExactly(img, script, "bob says hi", "hello from the browser");
            assertThat(driver.findElements(By.cssSelector("#shouts img"))).isEmpty();
            assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(texts(driver.findElements(By.cssSelector("#shouts .author")))).contains(bob.name(), alice.name());
            browser.screenshot("shoutbox-page");

            // Blank input is refused on the page with a message, and nothing is posted.
            driver.findElement(By.id("text")).sendKeys("   ", Keys.ENTER);
            await().ignoreExceptions().atMost(Duration.ofSeconds(5)).until(() -> !driver.findElement(By.id("status")).getText().isEmpty());
            assertThat(admin().get("/api/shoutboxes/" + team + "/shouts").json()).hasSize(4);
        }
    }

    @Test
    void aDeletedShoutVanishesFromEveryOpenPage() {
        String team = createTeam("mod");
        TestMember alice = createMember("alice", team);
        TestMember bob = createMember("bob", team);
        String mine = as(alice).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "oops, wrong box")))
                .json().get("id").asText();
        as(bob).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "bob stays")));

        try (Browser alicePage = new Browser(); Browser bobPage = new Browser()) {
            open(alicePage, alice, team);
            open(bobPage, bob, team);
            var mineOnAlicesPage = By.cssSelector("#shouts li[data-id='" + mine + "']");
            // Alice may delete her own shout, not Bob's; Bob sees no delete button on hers.
            assertThat(alicePage.driver().findElements(By.cssSelector("#shouts li button.remove"))).hasSize(1);
            assertThat(bobPage.driver().findElement(mineOnAlicesPage).findElements(By.cssSelector("button.remove")))
                    .isEmpty();

            var remove = alicePage.driver().findElement(mineOnAlicesPage).findElement(By.cssSelector("button.remove"));
            remove.click();
            assertThat(remove.getText()).isEqualTo("Really delete?");
            remove.click();

            await().atMost(Duration.ofSeconds(30)).until(() -> alicePage.driver().findElements(mineOnAlicesPage).isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() -> bobPage.driver().findElements(mineOnAlicesPage).isEmpty());
            assertThat(texts(bobPage.driver().findElements(By.cssSelector("#shouts .text")))).containsExactly("bob stays");
            assertThat(admin().get("/api/shoutboxes/" + team + "/shouts").json()).hasSize(1);
        }
    }

    @Test
    void anEditOnOnePageShowsLiveOnTheOtherMarkedEditedAndARemovalVanishes() {
        String team = createTeam("edit");
        TestMember alice = createMember("alice", team);
        TestMember bob = createMember("bob", team);
        String mine = as(alice).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "lunch at 12")))
                .json().get("id").asText();
        String bobs = as(bob).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "bob stays")))
                .json().get("id").asText();

        try (Browser alicePage = new Browser(); Browser bobPage = new Browser()) {
            open(alicePage, alice, team);
            open(bobPage, bob, team);
            By aliceShout = By.cssSelector("#shouts li[data-id='" + mine + "']");
            By bobShout = By.cssSelector("#shouts li[data-id='" + bobs + "']");
            // Each may edit their own shout only: one Edit button per page, on their own.
            assertThat(alicePage.driver().findElements(By.cssSelector("#shouts button.edit"))).hasSize(1);
            assertThat(alicePage.driver().findElement(bobShout).findElements(By.cssSelector("button.edit"))).isEmpty();
            assertThat(bobPage.driver().findElement(aliceShout).findElements(By.cssSelector("button.edit"))).isEmpty();

            // Alice edits with the keyboard: Enter on Edit, the text in a field, Enter saves. Markup stays text.
            WebElement edit = alicePage.driver().findElement(aliceShout).findElement(By.cssSelector("button.edit"));
            edit.sendKeys(Keys.ENTER);
            WebElement field = alicePage.driver().findElement(aliceShout).findElement(By.cssSelector("textarea"));
            assertThat(alicePage.driver().switchTo().activeElement()).isEqualTo(field);
            assertThat(field.getAttribute("value")).isEqualTo("lunch at 12");
            field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "lunch at 12:30 <b>sharp</b>", Keys.ENTER);

            String shown = "lunch at 12:30 <b>sharp</b>";
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> alicePage.driver()
                    .findElement(aliceShout).findElement(By.cssSelector(".text")).getText().equals(shown));
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> bobPage.driver()
                    .findElement(aliceShout).findElement(By.cssSelector(".text")).getText().equals(shown));
            for (Browser page : List.of(alicePage, bobPage)) {
                WebElement line = page.driver().findElement(aliceShout);
                assertThat(line.findElement(By.cssSelector(".edited")).getText()).startsWith("edited ");
                assertThat(line.findElements(By.cssSelector(".text b"))).isEmpty();
                assertThat(page.driver().findElement(bobShout).findElements(By.cssSelector(".edited"))).isEmpty();
            }
            var stored = as(bob).get("/api/shoutboxes/" + team + "/shouts").json();
            assertThat(texts(stored)).containsExactly("bob stays", shown);
            alicePage.screenshot("shoutbox-edited");

            // An edit made elsewhere (the API) reaches an open page too, without reload.
            as(bob).patch("/api/shoutboxes/" + team + "/shouts/" + bobs, Api.json(Map.of("text", "bob stays, edited")));
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> alicePage.driver()
                    .findElement(bobShout).findElement(By.cssSelector(".text")).getText().equals("bob stays, edited"));

            // Alice removes hers: it vanishes from Bob's page live.
            as(alice).delete("/api/shoutboxes/" + team + "/shouts/" + mine);
            await().atMost(Duration.ofSeconds(30)).until(() -> bobPage.driver().findElements(aliceShout).isEmpty());
            assertThat(texts(bobPage.driver().findElements(By.cssSelector("#shouts .text"))))
                    .containsExactly("bob stays, edited");
        }
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode shouts) {
        List<String> texts = new java.util.ArrayList<>();
        shouts.forEach(s -> texts.add(s.get("text").asText()));
        return texts;
    }

    private void open(Browser browser, TestMember member, String team) {
        browser.login(port, member.id(), member.password());
        browser.driver().get("http://127.0.0.1:" + port + "/shoutbox/" + team);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> browser.driver().findElements(By.cssSelector("#shouts li")).size() == 2);
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}

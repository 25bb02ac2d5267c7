package dev.crosspost.cockpit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import dev.crosspost.support.Browser;
import dev.crosspost.support.TestServers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Watching message flows in Cockpit (Community Edition) as a person does, in a real headless Chromium: one
 * login on Crosspost's form, the Messages tab and a message's trace, the channel dashboard, Camunda's
 * authorizations, and logging out of both at once.
 */
class CockpitPluginIT extends AbstractIT {

    // Generous: the machine running the tests may be busy, and a page of Cockpit loads a few megabytes of script.
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Test queue {@code it-cockpit} (src/test/resources/processes): texts this number when a shout starts "urgent". */
    private static final String ON_CALL = "+15559990000";

    @Autowired
    AuthorizationService authorizations;

    @Test
    void oneLoginShowsAFinishedShoutsFlowAndItsTraceInCockpit() {
        TestMember operator = createMember("operator", "team", Groups.CAMUNDA_ADMIN);
        String quiet = createTeam("quiet"); // no queue: its shouts are unrouted
        identity.createMembership(operator.id(), quiet);
        long inBefore = queueRow(operator, "shoutbox:team").path("inLastHour").asLong();
        long sentBefore = queueRow(operator, "shoutbox:team").path("sentLastHour").asLong();
        String text = "watch me in cockpit " + unique("shout");

        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, operator.id(), operator.password());
            driver.get(url("/shoutbox/team"));
            waitUntil(() -> !driver.findElements(By.cssSelector("#shouts")).isEmpty() && driver.findElement(By.id("text")).isEnabled());
            driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
            WebElement shout = waitFor(() -> driver.findElements(By.cssSelector("#shouts li")).stream()
                    .filter(li -> li.getText().contains(text)).findFirst().orElse(null));
            String messageId = shout.getAttribute("data-id");
            String secondId = as(operator).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", "second " + text)))
                    .json().get("id").asText();
            as(operator).post("/api/shoutboxes/" + quiet + "/shouts", Api.json(Map.of("text", "nobody routes this")));
            for (String id : new String[] {messageId, secondId}) {
                await().atMost(WAIT).until(() -> admin().get("/engine-rest/history/process-instance?finished=true"
                        + "&processDefinitionKey=shoutbox-team&processInstanceBusinessKey=" + id).json().size() == 1);
                // The flow only queued the room line; the outbox marks it SENT once the room echoed it.
                await().atMost(WAIT).until(() -> sendTo(operator, id, "xmpp-room:" + TestServers.TEAM_ROOM)
                        .path("outcome").asText().equals("sent"));
            }

            // From the channel overview to the queue's Messages tab in Cockpit: no second login.
            driver.get(url("/channels"));
            waitFor(() -> driver.findElements(By.cssSelector("#rows a")).stream()
                    .filter(a -> a.getAttribute("href").contains("/process-definition/shoutbox-team:")).findFirst().orElse(null))
                    .click();
            WebElement row = waitFor(() -> driver.findElements(By.cssSelector(".crosspost-flows tbody tr")).stream()
                    .filter(tr -> tr.getText().startsWith(messageId)).findFirst().orElse(null));
            assertThat(driver.getCurrentUrl()).contains("/camunda/app/cockpit/").contains("tab=crosspost-messages");
            assertThat(driver.findElements(By.cssSelector("input[name=username]"))).isEmpty();
            assertThat(row.getText()).contains(text, "shoutbox:team", operator.id(),
                    "Say it in the team room: sent to xmpp-room:" + TestServers.TEAM_ROOM);
            browser.screenshot("cockpit-messages-tab");

            // Its trace: the path on Cockpit's diagram, the send result, the variables.
            row.findElement(By.cssSelector("a.crosspost-open")).click();
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-trace-title")).getText().contains(messageId));
            String trace = driver.findElement(By.cssSelector(".crosspost-trace")).getText();
            assertThat(trace).contains("Notify subscribers (serviceTask) — done", "Say it in the team room (serviceTask) — done",
                    "Relayed (noneEndEvent) — done", "Say it in the team room: sent to xmpp-room:" + TestServers.TEAM_ROOM,
                    "text String " + text);
            waitUntil(() -> done(driver, "Task_NotifySubscribers") && done(driver, "Task_RedirectToRoom")
                    && done(driver, "End_Relayed") && taken(driver, "Flow_ToRoom"));
            assertThat(driver.findElements(By.cssSelector(".crosspost-overlay.crosspost-sent"))).hasSize(1);
            browser.screenshot("cockpit-trace");

            // An admin's "trace" link on the shout opens the same trace.
            driver.get(url("/shoutbox/team"));
            waitFor(() -> driver.findElements(By.cssSelector("#shouts li[data-id='" + messageId + "'] a.trace")).stream()
                    .findFirst().orElse(null)).click();
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-trace-title")).getText().contains(messageId));

            // The dashboard counts what was posted: two routed shouts sent to the room, one unrouted shout.
            driver.get(url("/camunda/app/cockpit/default/#/dashboard"));
            WebElement unrouted = waitFor(() -> driver.findElements(
                    By.cssSelector(".crosspost-channels tr[data-channel='shoutbox:" + quiet + "']")).stream().findFirst().orElse(null));
            assertThat(cell(unrouted, "inLastHour")).isEqualTo("1");
            assertThat(cell(unrouted, "unroutedLastDay")).isEqualTo("1");
            WebElement queue = driver.findElement(By.cssSelector(".crosspost-channels tr[data-channel='shoutbox:team']"));
            assertThat(Long.parseLong(cell(queue, "inLastHour"))).isEqualTo(inBefore + 2);
            assertThat(Long.parseLong(cell(queue, "sentLastHour"))).isGreaterThanOrEqualTo(sentBefore + 2);
            assertThat(queue.getText()).contains("Shoutbox team");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.cssSelector(".crosspost-dashboard")));
            browser.screenshot("cockpit-dashboard");
        }
    }

    @Test
    void theTraceShowsTheBranchTakenAndASendThatFailed() {
        ensureTeam("it-cockpit");
        ensureTeam("it-cockpit-archive");
        TestMember operator = createMember("operator", "it-cockpit", Groups.CAMUNDA_ADMIN);
        TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(ON_CALL, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"the gateway is down\"}")));
        String onCall = "sms:" + ON_CALL;
        long failedBefore = queueRow(operator, onCall).path("failures").asLong();
        String run = unique("run");
        String calm = as(operator).post("/api/shoutboxes/it-cockpit/shouts", Api.json(Map.of("text", "all calm " + run)))
                .json().get("id").asText();
        String urgent = as(operator).post("/api/shoutboxes/it-cockpit/shouts",
                Api.json(Map.of("text", "urgent: the kettle is on fire " + run))).json().get("id").asText();
        await().atMost(WAIT).until(() -> admin().get("/engine-rest/history/process-instance?finished=true"
                + "&processInstanceBusinessKey=" + calm).json().size() == 1);
        // The flow ends at once (the SMS is an outbox row); the outbox retries the send, then gives up.
        JsonNode retrying = await().atMost(WAIT).until(() -> sendTo(operator, urgent, onCall),
                send -> send.path("outcome").asText().equals("retrying"));
        assertThat(retrying.path("lastError").asText()).contains("503");
        assertThat(retrying.path("nextAttemptAt").isNull()).isFalse();
        await().atMost(WAIT.multipliedBy(2)) // the ITs give up after 20 s
               .until(() -> sendTo(operator, urgent, onCall).path("outcome").asText().equals("failed"));
        await().atMost(WAIT).until(() -> queueRow(operator, onCall).path("failures").asLong() == failedBefore + 1);

        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, operator.id(), operator.password());
            driver.get(url("/camunda/app/cockpit/default/#/crosspost/trace/" + calm));
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-trace-title")).getText().contains(calm));
            assertThat(driver.findElement(By.cssSelector(".crosspost-trace")).getText()).contains(
                    "Urgent? (exclusiveGateway) — done", "Copy to the archive shoutbox (serviceTask) — done",
                    "Copy to the archive shoutbox: sent to shoutbox:it-cockpit-archive",
                    "Text the on-call phone: not on this message's path");
            waitUntil(() -> taken(driver, "Flow_Normal") && done(driver, "Task_CopyToArchive") && done(driver, "End_Handled"));
            assertThat(taken(driver, "Flow_Urgent")).isFalse();
            assertThat(done(driver, "Task_TextOnCall")).isFalse();
            browser.screenshot("cockpit-trace-branch");

            // Only the flow whose send failed (of this sender), then nobody's, then by time.
            new Select(driver.findElement(By.name("outcome"))).selectByValue("failed");
            driver.findElement(By.name("sender")).sendKeys(operator.id());
            driver.findElement(By.cssSelector(".crosspost-filter button[type=submit]")).click();
            waitUntil(() -> rows(driver).size() == 1 && rows(driver).get(0).getText().startsWith(urgent));
            assertThat(rows(driver).get(0).getText()).contains("Text the on-call phone: failed to " + onCall + " after",
                    "Retry in Cockpit");
            browser.screenshot("cockpit-messages-failed");
            driver.findElement(By.name("sender")).sendKeys("-nobody");
            driver.findElement(By.cssSelector(".crosspost-filter button[type=submit]")).click();
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-empty")).getText().equals("No messages matched."));
            driver.findElement(By.name("sender")).clear();
            driver.executeScript("arguments[0].value = '2099-01-01T00:00'", driver.findElement(By.name("from")));
            driver.findElement(By.cssSelector(".crosspost-filter button[type=submit]")).click();
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-empty")).getText().equals("No messages matched."));
            driver.executeScript("arguments[0].value = ''; arguments[1].value = '2099-01-01T00:00'",
                    driver.findElement(By.name("from")), driver.findElement(By.name("to")));
            driver.findElement(By.cssSelector(".crosspost-filter button[type=submit]")).click();
            waitUntil(() -> !rows(driver).isEmpty() && rows(driver).get(0).getText().startsWith(urgent));

            // The failed flow's trace: the gateway took the urgent branch, the send failed and is an incident.
            driver.get(url("/camunda/app/cockpit/default/#/crosspost/trace/" + urgent));
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-trace-title")).getText().contains(urgent));
            String failedTrace = driver.findElement(By.cssSelector(".crosspost-trace")).getText();
            assertThat(failedTrace.indexOf("Shout posted on shoutbox:it-cockpit")).isLessThan(failedTrace.indexOf("Urgent?"));
            assertThat(failedTrace).contains("Urgent? (exclusiveGateway) — done",
                    "Text the on-call phone (serviceTask) — done", "Text the on-call phone: failed to " + onCall + " after",
                    "Retry in Cockpit", "open its delivery-failed flow", "Copy to the archive shoutbox: not on this message's path");
            waitUntil(() -> taken(driver, "Flow_ToGateway") && taken(driver, "Flow_Urgent") && !driver.findElements(
                    By.cssSelector(".crosspost-overlay.crosspost-failed")).isEmpty());
            assertThat(taken(driver, "Flow_Normal")).isFalse();
            assertThat(driver.findElements(By.cssSelector("g.crosspost-failed[data-element-id='Task_TextOnCall']"))).hasSize(1);
            browser.screenshot("cockpit-trace-failed");

            driver.get(url("/camunda/app/cockpit/default/#/dashboard"));
            // The SMS channel's row: the send that failed, nothing left waiting.
            WebElement sms = waitFor(() -> driver.findElements(
                    By.cssSelector(".crosspost-channels tr[data-channel='" + onCall + "']")).stream().findFirst().orElse(null));
            assertThat(Long.parseLong(cell(sms, "failures"))).isEqualTo(failedBefore + 1);
            assertThat(cell(sms, "waiting")).isEqualTo("0");
            assertThat(cell(sms, "oldestPendingSince")).isEqualTo("—");
        }
    }

    @Test
    void aMemberWithoutReadRightsSeesNoFlows() {
        TestMember member = createMember("reader", "team");
        grantCockpitOnly(member.id());
        String text = "not for readers " + unique("shout");
        String messageId = as(member).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", text))).json().get("id").asText();
        String definitionId = admin().get("/engine-rest/process-definition/key/shoutbox-team").json().get("id").asText();

        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, member.id(), member.password());
            driver.get(url("/camunda/app/cockpit/default/#/dashboard"));
            waitUntil(() -> driver.findElement(By.cssSelector(".crosspost-dashboard")).getText()
                    .contains("No channel whose queue you may read."));
            driver.get(url("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime?tab=crosspost-messages"));
            waitUntil(() -> driver.findElement(By.tagName("body")).getText().contains("No process definition"));
            assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain(text);
            Object history = driver.executeAsyncScript("const done = arguments[0]; fetch('/camunda/api/engine/engine/default"
                    + "/history/process-instance?processDefinitionKey=shoutbox-team').then(r => r.text()).then(done)");
            assertThat(history).isEqualTo("[]");
            driver.get(url("/camunda/app/cockpit/default/#/crosspost/trace/" + messageId));
            waitUntil(() -> driver.findElement(By.tagName("body")).getText().contains("No flow of message " + messageId));
            browser.screenshot("cockpit-no-read-rights");
        }
        assertThat(as(member).get("/api/cockpit/channels").json()).isEmpty();
        // The outbox's word on the room line of the member's own shout is not theirs to read either; an admin's is.
        TestMember operator = createMember("operator", "team", Groups.CAMUNDA_ADMIN);
        await().atMost(WAIT).until(() -> sendTo(operator, messageId, "xmpp-room:" + TestServers.TEAM_ROOM).isObject());
        assertThat(as(member).get("/api/cockpit/sends?messageIds=" + messageId).json()).isEmpty();
    }

    @Test
    void aMemberWithoutCockpitAccessIsRefusedAndLoggingOutOfOneEndsBoth() {
        TestMember member = createMember("member", "team");
        TestMember operator = createMember("operator", "team", Groups.CAMUNDA_ADMIN);
        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            browser.login(port, member.id(), member.password());
            driver.get(url("/camunda/app/cockpit/default/"));
            waitUntil(() -> driver.findElement(By.tagName("body")).getText().contains("No access rights for cockpit"));
        }
        try (Browser browser = new Browser()) {
            ChromeDriver driver = browser.driver();
            // Not logged in: Cockpit sends a person to Crosspost's login form, and back after it.
            driver.get(url("/camunda/app/cockpit/default/"));
            waitUntil(() -> driver.getCurrentUrl().contains("/login"));
            driver.findElement(By.name("username")).sendKeys(operator.id());
            driver.findElement(By.name("password")).sendKeys(operator.password());
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            cockpitShows(driver, operator);
            // The same login opens Admin and Tasklist.
            for (String app : new String[] {"admin", "tasklist"}) {
                driver.get(url("/camunda/app/" + app + "/default/"));
                waitUntil(() -> driver.findElement(By.cssSelector("li.account")).getText().contains(operator.name()));
                assertThat(driver.findElements(By.cssSelector("input[name=username]"))).isEmpty();
            }
            driver.get(url("/camunda/app/cockpit/default/"));
            cockpitShows(driver, operator);

            // Signing out in Cockpit ends the Crosspost session too.
            driver.findElement(By.cssSelector("li.account > a.dropdown-toggle")).click();
            waitFor(() -> driver.findElements(By.cssSelector("li.logout a")).stream().findFirst().orElse(null)).click();
            waitUntil(() -> driver.getCurrentUrl().endsWith("/login"));
            driver.get(url("/shoutbox/team"));
            waitUntil(() -> driver.getCurrentUrl().endsWith("/login"));

            // Logging out of Crosspost ends the Cockpit session too.
            browser.login(port, operator.id(), operator.password());
            driver.get(url("/camunda/app/cockpit/default/"));
            cockpitShows(driver, operator);
            driver.get(url("/shoutbox/team"));
            waitFor(() -> driver.findElements(By.cssSelector("header nav a")).stream()
                    .filter(a -> a.getText().equals("Log out")).findFirst().orElse(null)).click();
            waitUntil(() -> driver.getCurrentUrl().contains("/login?logout"));
            driver.get(url("/camunda/app/cockpit/default/#/dashboard"));
            waitUntil(() -> driver.getCurrentUrl().contains("/login"));
            assertThat(driver.findElements(By.name("username"))).isNotEmpty();
        }
    }

    private void cockpitShows(ChromeDriver driver, TestMember member) {
        waitUntil(() -> driver.getCurrentUrl().contains("/camunda/app/cockpit/")
                && driver.findElement(By.cssSelector("li.account")).getText().contains(member.name()));
        assertThat(driver.findElements(By.cssSelector("input[name=username]"))).isEmpty();
    }

    private void ensureTeam(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private static java.util.List<WebElement> rows(ChromeDriver driver) {
        return driver.findElements(By.cssSelector(".crosspost-flows tbody tr"));
    }

    private void grantCockpitOnly(String userId) {
        Authorization access = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        access.setUserId(userId);
        access.setResource(Resources.APPLICATION);
        access.setResourceId("cockpit");
        access.addPermission(Permissions.ACCESS);
        authorizations.saveAuthorization(access);
    }

    /** The dashboard's row of {@code channel} as {@code member} gets it; a missing node if there is none yet. */
    private JsonNode queueRow(TestMember member, String channel) {
        JsonNode rows = as(member).get("/api/cockpit/channels").json();
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> r.get("channel").asText().equals(channel))
                .findFirst().orElse(MissingNode.getInstance());
    }

    /** The outbox's word on the send of message {@code messageId} to {@code target}; a missing node if none. */
    private JsonNode sendTo(TestMember member, String messageId, String target) {
        JsonNode sends = as(member).get("/api/cockpit/sends?messageIds=" + messageId).json();
        return StreamSupport.stream(sends.spliterator(), false).filter(s -> s.get("target").asText().equals(target))
                .findFirst().orElse(MissingNode.getInstance());
    }

    private static boolean done(ChromeDriver driver, String elementId) {
        return !driver.findElements(By.cssSelector("g.djs-element.crosspost-done[data-element-id='" + elementId + "']")).isEmpty();
    }

    private static boolean taken(ChromeDriver driver, String flowId) {
        return !driver.findElements(By.cssSelector("g.djs-connection.crosspost-taken[data-element-id='" + flowId + "']")).isEmpty();
    }

    private static String cell(WebElement row, String field) {
        return row.findElement(By.cssSelector("td.crosspost-" + field)).getText();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().ignoreExceptions().atMost(WAIT).until(condition);
    }

    private static <T> T waitFor(Supplier<T> found) {
        return await().ignoreExceptions().atMost(WAIT).until(found::get, t -> t != null);
    }
}

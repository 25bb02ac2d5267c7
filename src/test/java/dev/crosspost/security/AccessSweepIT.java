package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Every member-visible endpoint of /api and /engine-rest, called without a login, by a member of another team and
 * by a plain member of the team (not the author of what is touched), with the status each must get.
 */
class AccessSweepIT extends AbstractIT {

    /** One call and the status expected for: nobody logged in, an outsider, a plain member. */
    private record Row(String method, String path, String body, int anonymous, int outsider, int member) {
    }

    @Test
    void eachEndpointAnswersEachKindOfCallerAsExpected() {
        String team = createTeam("sweep");
        TestMember author = createMember("author", team);
        TestMember member = createMember("member", team);
        TestMember outsider = createMember("outsider", createTeam("other"));
        String story = as(author).post("/api/stories", Api.json(Map.of("title", "t", "body", "b", "team", team)))
                .json().get("id").asText();
        String sub = "{\"channel\":\"shoutbox:" + team + "\",\"method\":\"mail\",\"interval\":\"daily\"}";
        String user = "/engine-rest/user/" + author.id();

        List<Row> rows = List.of(
                new Row("GET", "/api/me", null, 401, 200, 200),
                new Row("GET", "/api/shoutboxes/" + team + "/shouts", null, 401, 403, 200),
                new Row("POST", "/api/shoutboxes/" + team + "/shouts", "{\"text\":\"hi\"}", 401, 403, 201),
                new Row("GET", "/api/shoutboxes/" + team + "/stream", null, 401, 403, -1),
                new Row("GET", "/api/shoutboxes/" + unique("none") + "/shouts", null, 401, 404, 404),
                new Row("GET", "/api/stories", null, 401, 200, 200),
                new Row("POST", "/api/stories", "{\"title\":\"t\",\"body\":\"b\",\"team\":\"" + team + "\"}", 401, 403, 201),
                new Row("GET", "/api/stories/" + story, null, 401, 404, 200),
                new Row("PUT", "/api/stories/" + story, "{\"title\":\"mine now\"}", 401, 404, 403),
                new Row("POST", "/api/stories/" + story + "/comments", "{\"body\":\"c\"}", 401, 404, 201),
                new Row("GET", "/api/subscriptions", null, 401, 200, 200),
                new Row("POST", "/api/subscriptions", sub, 401, 403, 201),
                new Row("GET", "/api/subscriptions/settings", null, 401, 200, 200),
                new Row("PUT", "/api/members/" + author.id() + "/profile", "{\"xmpp\":\"x@localhost\"}", 401, 403, 403),
                new Row("GET", "/api/channels", null, 401, 403, 403),
                new Row("GET", "/actuator/prometheus", null, 401, 403, 403),
                new Row("GET", "/engine-rest/process-definition", null, 401, 200, 200),
                new Row("POST", "/engine-rest/message", "{\"messageName\":\"shoutbox:team\"}", 401, 403, 403),
                new Row("GET", user + "/profile", null, 401, 404, 404),
                // another member's user is invisible to a member: it looks like no user
                new Row("PUT", user + "/profile", "{\"id\":\"" + author.id() + "\",\"firstName\":\"X\"}", 401, 404, 404),
                new Row("DELETE", user, null, 401, 403, 403),
                new Row("POST", "/engine-rest/user/create", "{\"profile\":{\"id\":\"" + unique("new")
                        + "\"},\"credentials\":{\"password\":\"x1234567\"}}", 401, 403, 403),
                new Row("PUT", "/engine-rest/group/" + team + "/members/" + outsider.id(), null, 401, 403, 403),
                new Row("POST", "/engine-rest/authorization/create", "{\"type\":1,\"permissions\":[\"ALL\"],"
                        + "\"userId\":\"*\",\"resourceType\":0,\"resourceId\":\"*\"}", 401, 403, 403),
                new Row("GET", "/engine-rest/history/process-instance", null, 401, 200, 200),
                new Row("GET", "/engine-rest/task", null, 401, 200, 200));

        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            check(wrong, row, "anonymous", anonymous(), row.anonymous());
            check(wrong, row, "outsider", as(outsider), row.outsider());
            check(wrong, row, "member", as(member), row.member());
        }
        assertThat(wrong).isEmpty();
        // What the members could read on /engine-rest is empty: Camunda Admin grants nothing by default.
        assertThat(as(member).get("/engine-rest/process-definition").json()).isEmpty();
        assertThat(as(member).get("/engine-rest/history/process-instance").json()).isEmpty();
    }

    private static void check(List<String> wrong, Row row, String who, Api api, int expected) {
        if (expected < 0) {
            return; // a live stream: answered 200 and kept open (StreamLimitsIT)
        }
        var builder = api.request(row.path());
        if (row.path().endsWith("/stream")) {
            builder.setHeader("Accept", "text/event-stream");
        }
        if (row.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        var response = api.send(builder.method(row.method(), row.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(row.body())));
        if (response.status() != expected) {
            wrong.add(row.method() + " " + row.path() + " as " + who + ": " + response.status() + " (expected "
                    + expected + ") " + response.body().substring(0, Math.min(200, response.body().length())));
        }
    }
}

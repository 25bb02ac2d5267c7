package dev.crosspost.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read and write which stories, paging, and what bad input gets. */
class StoryApiIT extends AbstractIT {

    private String crew;
    private TestMember alice;
    private TestMember bob;
    private TestMember outsider;

    @BeforeEach
    void members() {
        crew = createTeam("crew");
        alice = createMember("alice", crew);
        bob = createMember("bob", crew);
        outsider = createMember("olga");
    }

    @Test
    void aTeamsStoryIsReadOnlyByTheTeamAndAdminsAStoryWithoutTeamByEveryone() {
        String teamStory = create(alice, Map.of("title", "Crew only", "body", "psst", "team", crew));
        String openStory = create(alice, Map.of("title", "For all", "body", "hello"));

        assertThat(as(bob).get("/api/stories/" + teamStory).status()).isEqualTo(200);
        assertThat(admin().get("/api/stories/" + teamStory).status()).isEqualTo(200);
        var hidden = as(outsider).get("/api/stories/" + teamStory);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("message").asText()).contains("no story");
        assertThat(as(outsider).post("/api/stories/" + teamStory + "/comments", "{\"body\":\"hi\"}").status())
                .isEqualTo(404);
        assertThat(ids(as(outsider).get("/api/stories?size=100").json())).contains(openStory).doesNotContain(teamStory);
        assertThat(ids(as(bob).get("/api/stories?size=100").json())).contains(openStory, teamStory);
        assertThat(as(outsider).get("/api/stories/" + openStory).status()).isEqualTo(200);
        // writing for a team one is not in
        assertError(as(outsider).post("/api/stories", Api.json(Map.of("title", "t", "body", "b", "team", crew))),
                403, "not a member");
        assertError(as(alice).post("/api/stories", Api.json(Map.of("title", "t", "body", "b", "team",
                "no-such-team-" + unique("x")))), 400, "no team");
    }

    @Test
    void onlyTheAuthorOrAnAdminEdits() {
        String id = create(alice, Map.of("title", "Mine", "body", "my text"));

        assertError(as(bob).put("/api/stories/" + id, "{\"title\":\"Ours\"}"), 403, "author or an admin");
        var byAdmin = admin().put("/api/stories/" + id, "{\"body\":\"fixed by admin\"}");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("body").asText()).isEqualTo("fixed by admin");
        assertThat(byAdmin.json().get("author").asText()).isEqualTo(alice.id());
        // anyone who reads it may comment
        assertThat(as(bob).post("/api/stories/" + id + "/comments", "{\"body\":\"nice\"}").status()).isEqualTo(201);
    }

    @Test
    void theListIsNewestFirstAndPaged() {
        String first = create(alice, Map.of("title", "one", "body", "1", "team", crew));
        String second = create(alice, Map.of("title", "two", "body", "2", "team", crew));
        String third = create(alice, Map.of("title", "three", "body", "3", "team", crew));

        JsonNode page0 = as(alice).get("/api/stories?page=0&size=2").json();
        JsonNode page1 = as(alice).get("/api/stories?page=1&size=2").json();

        // Other stories every member reads (the hourly fortune, say) may arrive meanwhile: hence "in this order".
        List<String> both = new java.util.ArrayList<>(ids(page0));
        both.addAll(ids(page1));
        assertThat(ids(page0)).hasSize(2);
        assertThat(both).doesNotHaveDuplicates().containsSubsequence(third, second);
        assertThat(ids(as(alice).get("/api/stories?page=0&size=10").json())).containsSubsequence(third, second, first);
        assertThat(page0.get("page").asInt()).isZero();
        assertThat(page1.get("page").asInt()).isEqualTo(1);
        assertThat(page0.get("size").asInt()).isEqualTo(2);
        assertThat(page0.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(as(alice).get("/api/stories").json().get("size").asInt()).isEqualTo(20);
    }

    @Test
    void badInputGetsA4xxWithAMessage() {
        Api api = as(alice);
        assertError(api.post("/api/stories", "{\"title\":\"\",\"body\":\"b\"}"), 400, "title must not be empty");
        assertError(api.post("/api/stories", "{\"title\":\"  \\n \",\"body\":\"b\"}"), 400, "title must not be empty");
        assertError(api.post("/api/stories", "{\"title\":\"t\",\"body\":\" \"}"), 400, "body must not be empty");
        assertError(api.post("/api/stories", "{\"body\":\"b\"}"), 400, "'title' is required");
        assertError(api.post("/api/stories", Api.json(Map.of("title", "t".repeat(201), "body", "b"))), 400,
                "longer than 200");
        assertError(api.post("/api/stories", Api.json(Map.of("title", "t", "body", "b".repeat(20001)))), 400,
                "longer than 20000");
        assertError(api.post("/api/stories", "{\"title\": "), 400, "not valid JSON");
        assertError(api.post("/api/stories", "[1]"), 400, "not valid JSON");
        assertError(api.send(api.request("/api/stories").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hi"))), 415, "");
        String missing = "no-such-story-" + unique("s");
        assertError(api.get("/api/stories/" + missing), 404, "no story");
        assertError(api.put("/api/stories/" + missing, "{\"title\":\"x\"}"), 404, "no story");
        assertError(api.post("/api/stories/" + missing + "/comments", "{\"body\":\"x\"}"), 404, "no story");
        String id = create(alice, Map.of("title", "ok", "body", "ok"));
        assertError(api.put("/api/stories/" + id, "{}"), 400, "'title' or 'body'");
        assertError(api.put("/api/stories/" + id, "{\"version\":\"abc\"}"), 400, "not valid JSON");
        assertError(api.post("/api/stories/" + id + "/comments", "{\"body\":\"\"}"), 400, "body must not be empty");
        assertError(api.post("/api/stories/" + id + "/comments", Api.json(Map.of("body", "c".repeat(4001)))), 400,
                "longer than 4000");
        assertError(api.get("/api/stories?size=0"), 400, "size must be between 1 and 100");
        assertError(api.get("/api/stories?size=101"), 400, "size must be between 1 and 100");
        assertError(api.get("/api/stories?page=-1"), 400, "page");
        assertError(api.get("/api/stories?page=abc"), 400, "page");
        assertError(anonymous().get("/api/stories"), 401, "log in");
        assertError(anonymous().post("/api/stories", "{\"title\":\"t\",\"body\":\"b\"}"), 401, "log in");
    }

    @Test
    void markupIsKeptAsTextAndControlCharactersAreDropped() {
        var created = as(alice).post("/api/stories", Api.json(Map.of("title", "<script>alert(1)</script>\ttab",
                "body", "<b>bold</b>\u0007 bell\r\nline")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).isEqualTo("<script>alert(1)</script> tab");
        assertThat(created.json().get("body").asText()).isEqualTo("<b>bold</b> bell\nline");
    }

    @Test
    void thePagesAreServedToMembers() {
        var list = as(alice).send(as(alice).request("/stories").setHeader("Accept", "text/html").GET());
        var one = as(alice).send(as(alice).request("/stories/some-id").setHeader("Accept", "text/html").GET());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("<title>Stories").contains("/js/crosspost.js");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("id=\"comment\"").contains("/js/crosspost.js");
    }

    private String create(TestMember author, Map<String, String> story) {
        var response = as(author).post("/api/stories", Api.json(story));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(s -> s.get("id").asText()).toList();
    }

    private static void assertError(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).contains(messagePart);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.crosspost");
    }
}

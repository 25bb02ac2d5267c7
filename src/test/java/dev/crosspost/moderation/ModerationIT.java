package dev.crosspost.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may delete shouts, stories and comments through the API, and the record admins read. */
class ModerationIT extends AbstractIT {

    private String crew;
    private TestMember alice;
    private TestMember bob;
    private TestMember moderator;
    private TestMember outsider;

    @BeforeEach
    void members() {
        crew = createTeam("crew");
        alice = createMember("alice", crew);
        bob = createMember("bob", crew);
        if (identity.createGroupQuery().groupId(Moderation.MODERATORS).count() == 0) {
            var group = identity.newGroup(Moderation.MODERATORS);
            group.setName("Moderators");
            identity.saveGroup(group);
        }
        moderator = createMember("mona", crew, Moderation.MODERATORS);
        outsider = createMember("olga", Moderation.MODERATORS);
    }

    @Test
    void theAuthorAModeratorOfTheTeamOrAnAdminDeleteAShoutOthersGet403AndAGoneShoutIs404() {
        String list = "/api/shoutboxes/" + crew + "/shouts";
        String first = shout(alice, "first");
        String second = shout(alice, "second");
        String third = shout(bob, "third");

        assertError(as(bob).delete(list + "/" + first), 403, "author");
        assertError(as(outsider).delete(list + "/" + first), 403, "not a member");
        assertThat(as(alice).get(list).json()).hasSize(3);

        assertThat(as(alice).delete(list + "/" + first).status()).isEqualTo(204);
        assertError(as(alice).delete(list + "/" + first), 404, "no shout");
        assertThat(as(moderator).delete(list + "/" + second).status()).isEqualTo(204);
        assertThat(admin().delete(list + "/" + third).status()).isEqualTo(204);
        assertThat(as(alice).get(list).json()).isEmpty();
        assertError(as(alice).delete("/api/shoutboxes/" + unique("no-such-box") + "/shouts/" + first), 404,
                "no shoutbox");

        JsonNode removals = admin().get("/api/removals").json();
        JsonNode removal = StreamSupport.stream(removals.spliterator(), false)
                .filter(r -> r.get("itemId").asText().equals(second)).findFirst().orElseThrow();
        assertThat(removal.get("kind").asText()).isEqualTo("shout");
        assertThat(removal.get("author").asText()).isEqualTo(alice.id());
        assertThat(removal.get("removedBy").asText()).isEqualTo(moderator.id());
        assertThat(removal.get("removedAt").asText()).isNotBlank();
        assertError(as(alice).get("/api/removals"), 403, "admin");
        assertThat(as(alice).get("/removals").status()).isEqualTo(403);
        assertThat(admin().get("/removals").body()).contains("<h1>Removals</h1>");
    }

    @Test
    void anAdminOrTheTeamsModeratorDeletesAnothersCommentAMemberCannot() {
        String story = create(alice, Map.of("title", "Crew news", "body", "text", "team", crew));
        String comments = "/api/stories/" + story + "/comments/";
        String byBob = comment(bob, story, "bob's comment");
        String byAlice = comment(alice, story, "alice's comment");
        String another = comment(bob, story, "another");

        assertError(as(alice).delete(comments + byBob), 403, "author");
        assertError(as(outsider).delete(comments + byBob), 404, "no story");
        assertThat(admin().delete(comments + byBob).status()).isEqualTo(204);
        assertError(admin().delete(comments + byBob), 404, "no comment");
        assertThat(as(alice).delete(comments + byAlice).status()).isEqualTo(204);
        assertThat(as(moderator).delete(comments + another).status()).isEqualTo(204);
        assertThat(as(alice).get("/api/stories/" + story).json().get("comments")).isEmpty();
    }

    @Test
    void theAuthorDeletesAStoryWithItsCommentsOthersGet403() {
        String story = create(alice, Map.of("title", "Mine", "body", "text"));
        comment(bob, story, "a comment");

        assertError(as(bob).delete("/api/stories/" + story), 403, "author");
        assertError(as(moderator).delete("/api/stories/" + unique("no-such-story")), 404, "no story");
        assertThat(as(alice).delete("/api/stories/" + story).status()).isEqualTo(204);
        assertError(as(alice).get("/api/stories/" + story), 404, "no story");
        assertError(as(alice).delete("/api/stories/" + story), 404, "no story");
    }

    private String shout(TestMember who, String text) {
        var r = as(who).post("/api/shoutboxes/" + crew + "/shouts", Api.json(Map.of("text", text)));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String create(TestMember who, Map<String, String> story) {
        var r = as(who).post("/api/stories", Api.json(story));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String comment(TestMember who, String story, String body) {
        var r = as(who).post("/api/stories/" + story + "/comments", Api.json(Map.of("body", body)));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static void assertError(Api.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).contains(message);
    }
}

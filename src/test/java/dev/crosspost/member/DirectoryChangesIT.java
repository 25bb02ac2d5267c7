package dev.crosspost.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/**
 * The directory is remembered for a few seconds (every request asks who its member is), but a change made in
 * Camunda Admin or through the engine's REST API on this node counts from the very next request.
 */
class DirectoryChangesIT extends AbstractIT {

    @Test
    void aMemberRemovedFromATeamLosesItsShoutboxAtOnceAndGetsItBackWhenAddedAgain() {
        String team = createTeam("cache");
        TestMember bob = createMember("bob", team);
        String shouts = "/api/shoutboxes/" + team + "/shouts";
        assertThat(as(bob).get(shouts).status()).isEqualTo(200);
        assertThat(as(bob).post(shouts, Api.json(Map.of("text", "still in"))).status()).isEqualTo(201);

        // what Camunda Admin does when an admin takes bob out of the group
        assertThat(admin().delete("/engine-rest/group/" + team + "/members/" + bob.id()).status()).isEqualTo(204);

        assertThat(as(bob).get(shouts).status()).isEqualTo(403);
        assertThat(as(bob).post(shouts, Api.json(Map.of("text", "let me in"))).status()).isEqualTo(403);

        assertThat(admin().put("/engine-rest/group/" + team + "/members/" + bob.id(), "").status()).isEqualTo(204);

        assertThat(as(bob).get(shouts).status()).isEqualTo(200);
    }

    @Test
    void aNewTeamHasAShoutboxAtOnceAndADeletedOneIsGoneAtOnce() {
        String team = unique("fresh");
        String shouts = "/api/shoutboxes/" + team + "/shouts";
        assertThat(admin().get(shouts).status()).isEqualTo(404);

        assertThat(admin().post("/engine-rest/group/create",
                Api.json(Map.of("id", team, "name", team, "type", "WORKFLOW"))).status()).isEqualTo(204);
        assertThat(admin().get(shouts).status()).isEqualTo(200);

        assertThat(admin().delete("/engine-rest/group/" + team).status()).isEqualTo(204);
        assertThat(admin().get(shouts).status()).isEqualTo(404);
    }

    @Test
    void aRenameInCamundaAdminAndAProfileChangeShowOnTheNextRequest() {
        TestMember carol = createMember("carol");
        assertThat(as(carol).get("/api/me").json().path("name").asText()).isEqualTo(carol.name());

        assertThat(admin().put("/engine-rest/user/" + carol.id() + "/profile", Api.json(Map.of("id", carol.id(),
                "firstName", "Carol", "lastName", "Renamed", "email", carol.id() + "@example.org"))).status())
                .isEqualTo(204);
        assertThat(as(carol).get("/api/me").json().path("name").asText()).isEqualTo("Carol Renamed");

        String jid = carol.id() + "@example.org";
        var profile = as(carol).put("/api/members/" + carol.id() + "/profile", Api.json(Map.of("xmpp", jid)));
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("xmpp").asText()).isEqualTo(jid);
    }
}

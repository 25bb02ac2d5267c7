package dev.crosspost.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Per member and channel, shouts, stories and comments have a limit; over it, 429 with Retry-After. The ITs run
 * with larger bursts than the shipped defaults (application-it.yaml), read here from the configuration.
 */
class RateLimitIT extends AbstractIT {

    @Autowired
    RateLimitProperties limits;

    @Test
    void threeHundredShoutsInABurstAreCutAtTheLimitWith429AndRetryAfter() {
        String team = createTeam("flood");
        TestMember flooder = createMember("flooder", team, "team");
        int burst = limits.rates().get("shout").events();
        int created = 0;
        Api.Response refused = null;
        for (int i = 0; i < 300; i++) {
            var response = as(flooder).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "flood " + i)));
            if (response.status() == 201) {
                created++;
            } else {
                assertThat(response.status()).isEqualTo(429);
                refused = response;
            }
        }
        assertThat(created).isBetween(burst, burst + 5); // a token may come back while the burst is posted
        assertThat(refused).isNotNull();
        assertThat(Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(refused.json().get("message").asText()).contains("too many shouts");
        assertThat(admin().get("/api/shoutboxes/" + team + "/shouts?limit=500").json().size()).isEqualTo(created);

        // Per member and channel: the flooder's other shoutbox and another member are not affected.
        assertThat(as(flooder).post("/api/shoutboxes/team/shouts", Api.json(Map.of("text", "elsewhere"))).status())
                .isEqualTo(201);
        TestMember other = createMember("calm", team);
        assertThat(as(other).post("/api/shoutboxes/" + team + "/shouts", Api.json(Map.of("text", "calm"))).status())
                .isEqualTo(201);
    }

    @Test
    void storiesAndCommentsHaveLimitsToo() {
        TestMember writer = createMember("writer", "team");
        String storyId = null;
        int stories = limits.rates().get("story").events();
        for (int i = 0; i < stories; i++) {
            var created = as(writer).post("/api/stories", Api.json(Map.of("title", "t" + i, "body", "b")));
            assertThat(created.status()).isEqualTo(201);
            storyId = created.json().get("id").asText();
        }
        var refused = as(writer).post("/api/stories", Api.json(Map.of("title", "one more", "body", "b")));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

        int comments = limits.rates().get("comment").events();
        TestMember commenter = createMember("commenter", "team");
        for (int i = 0; i < comments; i++) {
            assertThat(as(commenter).post("/api/stories/" + storyId + "/comments", Api.json(Map.of("body", "c" + i)))
                    .status()).isEqualTo(201);
        }
        var tooMany = as(commenter).post("/api/stories/" + storyId + "/comments", Api.json(Map.of("body", "more")));
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.json().get("message").asText()).contains("too many comments");
    }
}

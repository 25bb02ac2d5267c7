package dev.crosspost.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Browser;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The front page shows who is in the team's chat room now, as the bot sees it; other teams' members see nothing. */
class RoomPresenceIT extends XmppITSupport {

    @Test
    void theFrontPageShowsWhoIsInTheTeamRoom() {
        awaitBotInTeamRoom();
        TestMember alice = createMember("alice", "team");
        TestMember outsider = createMember("olga");
        assertThat(as(outsider).get("/api/rooms").json()).isEmpty();

        try (var erin = XmppPerson.login("erin"); Browser browser = new Browser()) {
            erin.join(TEAM_ROOM, 0);
            await().atMost(DELIVERY).until(() -> occupants(alice).contains(erin.nickname()));
            assertThat(occupants(alice)).doesNotContain("crosspost");

            browser.login(port, alice.id(), alice.password());
            browser.driver().get("http://127.0.0.1:" + port + "/");
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> browser.driver()
                    .findElement(By.cssSelector(".card.team[data-team='team'] .presence")).getText()
                    .contains(erin.nickname()));
        }
    }

    private List<String> occupants(TestMember member) {
        for (JsonNode room : as(member).get("/api/rooms").json()) {
            if (room.path("room").asText().equals(TEAM_ROOM) && room.path("present").asBoolean()) {
                return StreamSupport.stream(room.path("occupants").spliterator(), false).map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }
}

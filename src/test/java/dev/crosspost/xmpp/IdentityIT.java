package dev.crosspost.xmpp;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Api;
import dev.crosspost.support.ProsodyServer;
import dev.crosspost.support.TestServers;
import dev.crosspost.support.XmppPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who said it (issue 12): room lines are a member's only through a verified real JID, anyone else is a guest;
 * addresses count once confirmed with the code sent there; personal answers go privately; a direct message goes to
 * the sender's own team; a flood gets one reply.
 */
class IdentityIT extends XmppITSupport {

    private static final String BOT = ProsodyServer.jid(ProsodyServer.BOT);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @BeforeEach
    void botIsOnline() {
        awaitBotInTeamRoom();
    }

    @Test
    void aNonMemberJoiningAsNicknameAliceIsShownAsAGuest() {
        var alice = createMember("alice", "team");
        linkXmpp(alice, ProsodyServer.jid("alice"));
        String text = unique("it is me, alice");
        try (var stranger = XmppPerson.login("stranger")) {
            stranger.joinAs(TEAM_ROOM, "alice", 0);
            stranger.say(TEAM_ROOM, text);

            await().atMost(DELIVERY).until(() -> !teamShouts(as(alice), text).isEmpty());
            JsonNode shout = teamShouts(as(alice), text).get(0);
            assertThat(shout.path("author").asText()).isEqualTo("guest:alice").isNotEqualTo(alice.id());
            assertThat(shout.path("authorName").asText()).isEqualTo("alice (guest)");
        }
    }

    @Test
    void aMemberCannotClaimAnothersTheRoomsOrTheBotsAddress() {
        var owner = createMember("owner", "team");
        String ownersJid = unique("owner") + "@example.org";
        linkXmpp(owner, ownersJid);
        var mallory = createMember("mallory", "team");
        String path = "/api/members/" + mallory.id() + "/profile";

        assertRefused(as(mallory).put(path, Api.json(Map.of("xmpp", ownersJid.toUpperCase()))),
                "another member's verified xmpp address");
        assertRefused(as(mallory).put(path, Api.json(Map.of("xmpp", TEAM_ROOM))), "chat room");
        assertRefused(as(mallory).put(path, Api.json(Map.of("xmpp", BOT))), "bot");
        assertRefused(as(mallory).put(path, Api.json(Map.of("xmpp", "new-room@" + ProsodyServer.MUC))), "conference");
        assertRefused(as(mallory).put(path, Api.json(Map.of("xmpp", "a".repeat(300) + "@example.org"))), "255");
        assertRefused(as(mallory).put(path, Api.json(Map.of("xmpp", "mal\u0000lory@example.org"))), "NUL");

        JsonNode profile = as(mallory).get(path).json();
        assertThat(profile.path("xmpp").isNull()).as(profile.toString()).isTrue();
        assertThat(as(owner).get("/api/members/" + owner.id() + "/profile").json().path("xmppVerified").asBoolean())
                .isTrue();
    }

    @Test
    void anUnverifiedAddressCreditsNothingUntilTheMemberSaysVerifyToTheBot() {
        var ivan = createMember("ivan", "team");
        String jid = ProsodyServer.jid("ivan");
        unlinkXmpp(jid);
        try (var client = XmppPerson.login("ivan")) {
            var set = as(ivan).put("/api/members/" + ivan.id() + "/profile", Api.json(Map.of("xmpp", jid)));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.json().path("xmppVerified").asBoolean()).isFalse();
            assertThat(set.json().path("notes").toString()).contains("a code was sent to xmpp:" + jid);
            await().atMost(DELIVERY).until(() -> code(client.directMessages()).isPresent());
            String code = code(client.directMessages()).orElseThrow();

            client.join(TEAM_ROOM, 0);
            String before = unique("not yet verified");
            client.say(TEAM_ROOM, before);
            await().atMost(DELIVERY).until(() -> !teamShouts(as(ivan), before).isEmpty());
            assertThat(teamShouts(as(ivan), before).get(0).path("author").asText()).isEqualTo("guest:ivan");

            int seen = client.directMessages().size();
            client.tell(BOT, "!verify " + (code.equals("000000") ? "999999" : "000000"));
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == seen + 1);
            assertThat(client.directMessages().get(seen)).startsWith("Not verified");
            client.tell(BOT, "!verify " + code);
            await().atMost(DELIVERY).until(() -> client.directMessages().size() == seen + 2);
            assertThat(client.directMessages().get(seen + 1)).startsWith("Thank you").contains(ivan.id());
            assertThat(as(ivan).get("/api/members/" + ivan.id() + "/profile").json().path("xmppVerified").asBoolean())
                    .isTrue();

            String after = unique("verified now");
            client.say(TEAM_ROOM, after);
            await().atMost(DELIVERY).until(() -> !teamShouts(as(ivan), after).isEmpty());
            assertThat(teamShouts(as(ivan), after).get(0).path("author").asText()).isEqualTo(ivan.id());
        }
    }

    @Test
    void aPhoneNumberCountsOnceTheCodeSentBySmsIsConfirmedThroughTheApi() {
        var judy = createMember("judy", "team");
        String phone = "+1555" + String.format("%07d", (long) (Math.random() * 10_000_000L));
        String path = "/api/members/" + judy.id();
        var set = as(judy).put(path + "/profile", Api.json(Map.of("phone", phone)));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("phoneVerified").asBoolean()).isFalse();
        // the code is an outbox row: it leaves right after the request, not before the answer
        var sms = await().atMost(DELIVERY).until(() -> TestServers.sms().findAll(
                postRequestedFor(urlPathEqualTo(TestServers.SMS_PATH))
                        .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))),
                found -> !found.isEmpty());
        assertThat(sms).hasSize(1);
        String code = code(List.of(URLDecoder.decode(sms.get(0).getBodyAsString(), StandardCharsets.UTF_8)))
                .orElseThrow();

        assertRefused(as(judy).post(path + "/verify", Api.json(Map.of("code", "12345"))), "six digits");
        var verified = as(judy).post(path + "/verify", Api.json(Map.of("code", code)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("phoneVerified").asBoolean()).isTrue();
        assertRefused(as(judy).post(path + "/verify", Api.json(Map.of("code", code))), "no address of yours");
    }

    @Test
    void lastSaidInTheRoomIsAnsweredPrivately() {
        var grace = createMember("grace", "team");
        linkXmpp(grace, ProsodyServer.jid("grace"));
        String shout = unique("for grace only");
        postShout(grace, shout);
        try (var client = XmppPerson.login("grace")) {
            client.join(TEAM_ROOM, 0);
            client.say(TEAM_ROOM, "!last 3");

            await().atMost(DELIVERY).until(() -> client.directMessages().stream()
                    .anyMatch(m -> m.startsWith("Last ") && m.contains(shout)));
            await().during(QUIET).atMost(QUIET.multipliedBy(2))
                    .until(() -> client.linesContaining(TEAM_ROOM, shout).isEmpty());
        }
    }

    @Test
    void aDirectMessageFromAMemberOfAnotherTeamDoesNotLandOnTheTeamShoutbox() {
        String other = createTeam("other");
        var frank = createMember("frank", other);
        linkXmpp(frank, ProsodyServer.jid("frank"));
        var reader = createMember("reader", "team");
        String text = unique("for my own team");
        try (var client = XmppPerson.login("frank")) {
            client.tell(BOT, text);

            await().atMost(DELIVERY).until(() -> shouts(as(frank), other, text).size() == 1);
            await().atMost(DELIVERY).until(() -> client.directMessages()
                    .contains("Thanks " + frank.name() + ", your message is on the shoutbox of " + other + "."));
            assertThat(teamShouts(as(reader), text)).isEmpty();

            identity.createMembership(frank.id(), "team"); // now in two teams: which one?
            String unsure = unique("which team");
            client.tell(BOT, unsure);
            await().atMost(DELIVERY).until(() -> client.directMessages().stream()
                    .anyMatch(m -> m.contains("several teams") && m.contains("!post ")));
            assertThat(teamShouts(as(reader), unsure)).isEmpty();
            assertThat(shouts(as(frank), other, unsure)).isEmpty();

            String named = unique("to the team");
            client.tell(BOT, "!post team " + named);
            await().atMost(DELIVERY).until(() -> teamShouts(as(reader), named).size() == 1);
        }
    }

    @Test
    void aFloodInTheRoomGetsOneReplyAndOnlyTheLimitIsPassedOn() {
        var heidi = createMember("heidi", "team");
        linkXmpp(heidi, ProsodyServer.jid("heidi"));
        String prefix = unique("flood");
        try (var client = XmppPerson.login("heidi")) {
            client.join(TEAM_ROOM, 0);
            long started = System.nanoTime();
            for (int i = 0; i < 25; i++) {
                client.say(TEAM_ROOM, prefix + " " + i);
            }

            await().atMost(DELIVERY).until(() -> client.directMessages().stream().anyMatch(m -> m.contains("faster")));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> floodShouts(heidi, prefix) >= 20
                    && client.directMessages().stream().filter(m -> m.contains("faster")).count() == 1);
            // 20 at once, then one every 3 s (20 per minute): on a busy machine the bot may take longer than 3 s to
            // get through the flood, and a line it reads after that is let through again
            long refilled = (System.nanoTime() - started) / 3_000_000_000L + 1;
            assertThat(floodShouts(heidi, prefix)).isBetween(20L, Math.min(24L, 20L + refilled));
        }
    }

    @Test
    void aRoomThatHidesRealJidsFromTheBotIsReportedInHealthAndOnChannels() throws Exception {
        String room = ProsodyServer.freshRoom();
        try (var owner = XmppPerson.login("erin")) {
            owner.createInstantRoom(room); // erin's room: real JIDs for moderators only, and the bot is none
            rooms.say(dev.crosspost.xmpp.room.Rooms.roomJid(room), () -> "hello");

            await().atMost(DELIVERY).until(() -> admin().get("/actuator/health").json().path("components")
                    .path("xmpp").path("details").path("roomsHidingRealJids").toString().contains(room));
            JsonNode row = StreamSupport.stream(admin().get("/api/channels").json().spliterator(), false)
                    .filter(c -> c.path("address").asText().equals("xmpp-room:" + room)).findFirst().orElseThrow();
            assertThat(row.path("warning").asText()).contains("hides");
            assertThat(admin().get("/actuator/health").json().path("components").path("xmpp").path("details")
                    .path("roomsHidingRealJids").toString()).doesNotContain(TEAM_ROOM);
        }
    }

    private long floodShouts(TestMember author, String prefix) {
        return StreamSupport.stream(as(author).get("/api/shoutboxes/team/shouts?limit=500").json().spliterator(), false)
                .filter(s -> s.path("text").asText().startsWith(prefix + " "))
                .peek(s -> assertThat(s.path("author").asText()).isEqualTo(author.id()))
                .count();
    }

    private List<JsonNode> shouts(Api reader, String team, String text) {
        var response = reader.get("/api/shoutboxes/" + team + "/shouts?limit=500");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(s -> text.equals(s.path("text").asText())).toList();
    }

    private static Optional<String> code(List<String> messages) {
        return messages.stream().filter(m -> m.contains("Crosspost code")).map(CODE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst();
    }

    private static void assertRefused(Api.Response response, String why) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(why);
    }
}

package dev.crosspost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Map;

import dev.crosspost.support.AbstractIT;
import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/** Bad input is a 4xx with a message, never a 500; a body too large is refused before it is read. */
class BadInputIT extends AbstractIT {

    private static final String SHOUTS = "/api/shoutboxes/team/shouts";

    @Test
    void aTenMegabyteBodyIsRefusedWith413BeforeItIsParsed() {
        String big = "{\"text\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        var response = admin().post(SHOUTS, big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("message").asText()).contains("larger than");

        // Without a Content-Length (chunked), reading stops at the limit. (A much larger chunked body is cut off
        // by the server after 2 MB, so the client may see a broken connection instead: HTTP has no better way.)
        String overLimit = "{\"text\":\"" + "x".repeat(300 * 1024) + "\"}";
        var chunked = admin().send(admin().request(SHOUTS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overLimit.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().get("message").asText()).contains("larger than");
    }

    @Test
    void duplicateKeysNulLoneSurrogatesAndWrongTypesAre400WithAMessage() {
        TestMember member = createMember("typo", "team");
        Api api = as(member);
        assertRefused(api.post(SHOUTS, "{\"text\":\"a\",\"text\":\"b\"}"), "a key twice");
        assertRefused(api.post(SHOUTS, "{\"text\":\"a\\u0000b\"}"), "field 'text' contains a NUL character");
        assertRefused(api.post(SHOUTS, "{\"text\":\"a\\ud800b\"}"), "field 'text' contains an unpaired surrogate");
        assertRefused(api.post(SHOUTS, "{\"text\":5}"), "field 'text' must be a string");
        assertRefused(api.post(SHOUTS, "{\"text\":{\"a\":1}}"), "field 'text' must be a string");
        assertRefused(api.post(SHOUTS, "{\"text\":"), "not valid JSON");
        assertRefused(api.post("/api/stories", "{\"title\":\"t\",\"body\":\"b\",\"team\":[\"team\"]}"),
                "field 'team' must be a string");
        assertRefused(api.put("/api/stories/1", "{\"title\":\"t\",\"version\":\"one\"}"),
                "field 'version' has the wrong type");
    }

    @Test
    void aNulOrAFiveThousandCharacterXmppAddressIs400() {
        TestMember member = createMember("jid", "team");
        String profile = "/api/members/" + member.id() + "/profile";
        assertRefused(as(member).put(profile, "{\"xmpp\":\"a\\u0000b@localhost\"}"), "NUL");
        assertRefused(as(member).put(profile, Api.json(Map.of("xmpp", "a".repeat(5000) + "@localhost"))),
                "at most 255 characters");
        assertRefused(as(member).put(profile, Api.json(Map.of("xmpp", "a@" + "b".repeat(5000)))),
                "at most 255 characters");
        assertThat(identity.getUserInfo(member.id(), "xmpp")).isNull();
    }

    @Test
    void controlCharactersAreCleanedTheSameWayOnEveryPath() {
        TestMember member = createMember("bell", "team");
        var shout = as(member).post(SHOUTS, Api.json(Map.of("text", "ding\u0007 dong\r\nnext")));
        assertThat(shout.status()).isEqualTo(201);
        assertThat(shout.json().get("text").asText()).isEqualTo("ding dong\nnext");
        var story = as(member).post("/api/stories", Api.json(Map.of("title", "t\u0007", "body", "a\u0007\r\nb")));
        assertThat(story.status()).isEqualTo(201);
        assertThat(story.json().get("body").asText()).isEqualTo("a\nb");
    }

    private static void assertRefused(Api.Response response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).contains(message);
    }
}

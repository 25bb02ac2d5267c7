package dev.crosspost.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.crosspost.support.Api;
import org.junit.jupiter.api.Test;

/** The JSON API of one's own subscriptions, and who may follow what. */
class SubscriptionApiIT extends NotifySupport {

    @Test
    void aMemberManagesOnlyTheirOwnSubscriptionsToChannelsTheyCanRead() {
        String team = createTeam("api");
        String foreign = createTeam("foreign");
        TestMember bob = createMember("bob", team);
        TestMember mallory = createMember("mallory", foreign);

        var created = as(bob).post("/api/subscriptions", body("shoutbox:" + team, "mail", "daily"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("interval").asText()).isEqualTo("daily");
        String id = created.json().get("id").asText();
        assertThat(as(bob).post("/api/subscriptions", body("event:story", "mail", null)).json().get("interval")
                .asText()).isEqualTo("immediate");
        assertThat(as(bob).get("/api/subscriptions").json()).hasSize(2);

        assertRefused(as(bob).post("/api/subscriptions", body("shoutbox:" + team, "mail", "hourly")), 409, "already");
        assertRefused(as(bob).post("/api/subscriptions", body("shoutbox:" + foreign, "mail", null)), 403, "not a member");
        assertRefused(as(bob).post("/api/subscriptions", body("shoutbox:no-such-team", "mail", null)), 404, "no shoutbox");
        assertRefused(as(bob).post("/api/subscriptions", body("mail:someone@example.org", "mail", null)), 403, "cannot");
        assertRefused(as(bob).post("/api/subscriptions", body("xmpp-room:" + foreign + "@conference.localhost", "mail",
                null)), 403, "only the members");
        assertRefused(as(bob).post("/api/subscriptions", body("event:<img/src=x/onerror=alert(1)>", "mail", null)), 400,
                "event:story");
        assertRefused(as(bob).post("/api/subscriptions", body("shoutbox:" + team, "pigeon", null)), 400, "method");
        assertRefused(as(bob).post("/api/subscriptions", body("shoutbox:" + team, "mail", "yearly")), 400, "interval");
        assertRefused(as(bob).post("/api/subscriptions", body("not an address", "mail", null)), 400, "kind:name");
        assertRefused(as(bob).post("/api/subscriptions", body("shoutbox:" + team, "sms", null)), 400, "phone");
        assertRefused(anonymous().post("/api/subscriptions", body("shoutbox:" + team, "mail", null)), 401, "log in");

        assertRefused(as(mallory).delete("/api/subscriptions/" + id), 404, "no subscription");
        assertThat(as(mallory).get("/api/subscriptions").json()).isEmpty();
        assertThat(as(bob).delete("/api/subscriptions/" + id).status()).isEqualTo(204);
        assertRefused(as(bob).delete("/api/subscriptions/" + id), 404, "no subscription");
        assertThat(as(bob).get("/api/subscriptions").json()).hasSize(1);

        assertThat(as(bob).get("/api/subscriptions/settings").json().get("xmppOffline").asText()).isEqualTo("send");
        assertThat(as(bob).put("/api/subscriptions/settings", Api.json(Map.of("xmppOffline", "mail"))).status())
                .isEqualTo(200);
        assertThat(identity.getUserInfo(bob.id(), "xmppOffline")).isEqualTo("mail");
        assertRefused(as(bob).put("/api/subscriptions/settings", Api.json(Map.of("xmppOffline", "never"))), 400,
                "xmppOffline");
    }

    private static String body(String channel, String method, String interval) {
        var map = new java.util.HashMap<String, String>();
        map.put("channel", channel);
        map.put("method", method);
        if (interval != null) {
            map.put("interval", interval);
        }
        return Api.json(map);
    }

    private static void assertRefused(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).containsIgnoringCase(messagePart);
    }
}

package dev.crosspost.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak's people, made as an admin makes them (Camunda's user API, then the team): members who shout, one who
 * has every shout of the team mailed to them and one who has it sent by SMS (a verified phone number, set in the
 * database as the tests do), each subscribed through the subscriptions API as the member, and one who writes to the
 * bot from a verified chat address (set the same way).
 */
final class SoakMembers {

    static final String MAIL_SUBSCRIBER = "soakmail";
    static final String SMS_SUBSCRIBER = "soaksms";
    static final String PHONE = "+15557010001";
    /** The member who writes to the bot, from the chat account {@link BenchProsody#WRITER} (a verified address). */
    static final String WRITER = "soakdm";
    static final String WRITER_JID = BenchProsody.WRITER + "@localhost";
    private static final Duration CALL = Duration.ofSeconds(30);

    private SoakMembers() {
    }

    static String password(String id) {
        return id + "-soak-secret-2026";
    }

    static String mail(String id) {
        return id + "@example.org";
    }

    /** Creates the members; returns the shouters' clients, {@code shouters × nodes}, node alternating fastest. */
    static List<AdminHttp> create(SoakWorld world, HttpClient client, int shouters) throws Exception {
        AdminHttp admin = world.nodes.app(0).admin();
        call(admin, "POST", "/engine-rest/group/create", "{\"id\":\"team\",\"name\":\"team\",\"type\":\"WORKFLOW\"}",
                true);
        var ids = new ArrayList<String>();
        for (int i = 1; i <= shouters; i++) {
            ids.add("soak" + i);
        }
        for (String id : concat(ids, List.of(MAIL_SUBSCRIBER, SMS_SUBSCRIBER, WRITER))) {
            call(admin, "POST", "/engine-rest/user/create", "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Soak\","
                    + "\"lastName\":\"" + id + "\",\"email\":\"" + mail(id) + "\"},\"credentials\":{\"password\":\""
                    + password(id) + "\"}}", false);
            call(admin, "PUT", "/engine-rest/group/team/members/" + id, null, false);
        }
        world.execute("insert into crosspost.contact_addresses (member_id, kind, address, attempts, verified) "
                + "values (?, 'phone', ?, 0, ?)", SMS_SUBSCRIBER, PHONE, PHONE);
        world.execute("insert into act_id_info (id_, rev_, user_id_, type_, key_, value_) values (?, 1, ?, 'userinfo', "
                + "'phone', ?)", "soak-phone", SMS_SUBSCRIBER, PHONE);
        world.execute("insert into crosspost.contact_addresses (member_id, kind, address, attempts, verified) "
                + "values (?, 'xmpp', ?, 0, ?)", WRITER, WRITER_JID, WRITER_JID);
        world.execute("insert into act_id_info (id_, rev_, user_id_, type_, key_, value_) values (?, 1, ?, 'userinfo', "
                + "'xmpp', ?)", "soak-xmpp", WRITER, WRITER_JID);
        subscribe(client, admin, MAIL_SUBSCRIBER, "mail");
        subscribe(client, admin, SMS_SUBSCRIBER, "sms");
        var shoutersByNode = new ArrayList<AdminHttp>();
        for (String id : ids) {
            for (int n = 0; n < world.nodes.size(); n++) {
                shoutersByNode.add(new AdminHttp(client, world.nodes.app(n).admin().base(), id, password(id)));
            }
        }
        return shoutersByNode;
    }

    private static void subscribe(HttpClient client, AdminHttp admin, String id, String method) throws Exception {
        var member = new AdminHttp(client, admin.base(), id, password(id));
        call(member, "POST", "/api/subscriptions", "{\"channel\":\"shoutbox:team\",\"method\":\"" + method
                + "\",\"interval\":\"immediate\"}", false);
    }

    private static void call(AdminHttp as, String method, String path, String body, boolean conflictOk)
            throws Exception {
        var r = as.send(method, path, body, CALL);
        if (r.statusCode() >= 300 && !conflictOk) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

package dev.crosspost.xmpp.connection;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.xmpp.*}: the bot's chat account and rooms, and what it lets people say. Off by default, so
 * Crosspost runs without a chat server. One record for the prefix: the connection reads the first part, the inbound
 * side ({@code guests}, {@code chatRate}) the rest.
 *
 * @param enabled           whether the bot connects at all
 * @param host              the server to connect to (default: the domain)
 * @param port              the client port
 * @param domain            the XMPP domain of the bot's account
 * @param username          the bot's user name (also the name of its direct channel {@code xmpp-direct:<username>})
 * @param password          the bot's password (never logged)
 * @param resource          the bot's fixed resource
 * @param nickname          the bot's nickname in rooms
 * @param rooms             the rooms (bare JIDs) the bot joins; rooms it is asked to speak in are joined on demand
 * @param tls               {@code required}, or {@code disabled}: plain text, only for a server on loopback or on a
 *                          private network of its own (the compose setup's; docs/docker.md)
 * @param greeting          what the bot says when it first joins a room (empty: nothing)
 * @param replyTimeout      how long to wait for the server's answer (login, join, echo of a sent line)
 * @param reconnectMin      the first reconnect delay; doubled on each failure, with jitter
 * @param reconnectMax      the longest reconnect delay
 * @param pingInterval      keep-alive ping of the server
 * @param roomCheckInterval how often the bot checks that it is still in its rooms (XEP-0410 self-ping)
 * @param roomWindow        how many lines of one room may be on their way (said, echo not yet back) at once: the
 *                          outbox's window for each room
 * @param guests            what becomes of a room line from someone who is not a member by a verified real JID:
 *                          {@code show-marked} (passed on with author {@code guest:<nickname>} and the name marked as
 *                          a guest's) or {@code drop}
 * @param chatRate          lines one person may say in one room, or send to the bot, per {@code chatRatePeriod}
 *                          (a burst of that many, then evenly); {@code 0}: no limit
 * @param chatRatePeriod    the period of {@code chatRate}
 * @param catchUp           on joining a room, how far back at most the bot takes in, from the room's archive, the lines
 *                          said since the last line Crosspost took in from it (while no node held the bot), and
 *                          on each login, from the bot's own archive, the direct messages since the last one taken
 *                          in (a lost session may never have taken them in); {@code 0}: none
 */
@Validated
@ConfigurationProperties("crosspost.xmpp")
public record XmppProperties(@DefaultValue("false") boolean enabled,
                             String host,
                             @DefaultValue("5222") int port,
                             @DefaultValue("localhost") String domain,
                             @DefaultValue("bot") String username,
                             String password,
                             @DefaultValue("crosspost") String resource,
                             @DefaultValue("crosspost") String nickname,
                             @DefaultValue("team@conference.localhost") List<String> rooms,
                             @DefaultValue("required") Tls tls,
                             @DefaultValue("Crosspost is here: what you say in this room also appears on the shoutbox. Say !help for commands.") String greeting,
                             @DefaultValue("10s") Duration replyTimeout,
                             @DefaultValue("1s") Duration reconnectMin,
                             @DefaultValue("60s") Duration reconnectMax,
                             @DefaultValue("60s") Duration pingInterval,
                             @DefaultValue("60s") Duration roomCheckInterval,
                             @DefaultValue("32") int roomWindow,
                             @DefaultValue("show-marked") Guests guests,
                             @DefaultValue("20") int chatRate,
                             @DefaultValue("1m") Duration chatRatePeriod,
                             @DefaultValue("10m") Duration catchUp) {

    /** Whether the connection is encrypted. */
    public enum Tls { REQUIRED, DISABLED }

    /** What becomes of a guest's room line. */
    public enum Guests { SHOW_MARKED, DROP }

    public XmppProperties {
        rooms = rooms == null ? List.of() : rooms.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
        greeting = greeting == null ? "" : greeting;
        if (roomWindow < 1) {
            throw new IllegalArgumentException("crosspost.xmpp.room-window must be at least 1, not " + roomWindow);
        }
        if (chatRate < 0 || chatRatePeriod.isNegative() || chatRatePeriod.isZero()) {
            throw new IllegalArgumentException("crosspost.xmpp.chat-rate must be 0 or more per a positive "
                    + "chat-rate-period, not " + chatRate + " per " + chatRatePeriod);
        }
        if (catchUp == null || catchUp.isNegative()) {
            throw new IllegalArgumentException("crosspost.xmpp.catch-up must be 0 or more, not " + catchUp);
        }
        if (enabled && (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("crosspost.xmpp.password is required when crosspost.xmpp.enabled=true");
        }
    }

    public String serverHost() {
        return host == null || host.isBlank() ? domain : host;
    }

    /** The bot's own bare JID, e.g. {@code bot@localhost}. */
    public String botJid() {
        return username + "@" + domain;
    }

    @Override
    public String toString() {
        return "XmppProperties[" + botJid() + "/" + resource + " at " + serverHost() + ":" + port + ", tls " + tls
                + ", rooms " + rooms + "]";
    }
}

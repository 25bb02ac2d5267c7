package dev.crosspost.cluster;

import java.net.InetAddress;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.cluster.*}: how the nodes sharing one PostgreSQL agree on who holds the chat bot.
 * <p>
 * The fencing rule: the node holding the bot checks its lock connection every {@code check-interval}, waiting at
 * most {@code check-timeout} for the answer, and drops the bot at once when the check fails. So it has let go of
 * the bot at most {@code check-interval + check-timeout} after losing the connection (and with it the lock). A
 * node that wins the lock from such a holder (one that did not record letting go: it died or was cut off) waits
 * until {@code takeover-grace + check-timeout} after that holder's last recorded check (its answer may have taken a
 * timeout), at most {@code takeover-grace}; the grace must be longer than the above. When nobody held the bot, or
 * its last holder let go cleanly, or its last check is that long ago (a restart after a crash that took longer), the
 * winner connects at once.
 *
 * @param nodeName      this node's name in health, {@code /channels} and the database's session list (default:
 *                      host name and process id)
 * @param checkInterval how often the leader checks its lock connection, and a standby node tries the lock
 * @param checkTimeout  how long the check waits for the database before the leader gives up the bot
 * @param takeoverGrace how long after the last holder's last check (plus a check timeout) a node that won the lock
 *                      waits before connecting the bot, when that holder may still be speaking
 * @param lockKey       the advisory lock's key; nodes that share a database and a bot account must use the same
 */
@Validated
@ConfigurationProperties("crosspost.cluster")
public record ClusterProperties(String nodeName,
                                @DefaultValue("2s") Duration checkInterval,
                                @DefaultValue("2s") Duration checkTimeout,
                                @DefaultValue("10s") Duration takeoverGrace,
                                @DefaultValue("1129468752") long lockKey) {

    /** Time left for the old leader to close its chat session once it noticed the loss. */
    static final Duration DISCONNECT_MARGIN = Duration.ofSeconds(2);

    public ClusterProperties {
        nodeName = nodeName == null || nodeName.isBlank() ? defaultName() : nodeName.trim();
        Duration fenced = checkInterval.plus(checkTimeout).plus(DISCONNECT_MARGIN);
        if (takeoverGrace.compareTo(fenced) < 0) {
            throw new IllegalArgumentException("crosspost.cluster.takeover-grace (" + takeoverGrace + ") must be at "
                    + "least check-interval + check-timeout + " + DISCONNECT_MARGIN.toSeconds() + "s (" + fenced
                    + "), or two nodes could hold the bot at once");
        }
        if (checkTimeout.toMillis() < 1 || checkInterval.toMillis() < 1) {
            throw new IllegalArgumentException("crosspost.cluster.check-interval and check-timeout must be positive");
        }
    }

    /**
     * How long the lock's session may stay silent before PostgreSQL ends it (and releases the lock): twice a check's
     * interval and timeout. A holder checks every interval, so only one that stopped running (a paused process, a
     * long GC pause) stays silent that long; it loses the lock and, on waking, its first check fails and it cuts its
     * chat session, well within the next holder's takeover grace.
     */
    Duration idleLimit() {
        return checkInterval.plus(checkTimeout).multipliedBy(2);
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}

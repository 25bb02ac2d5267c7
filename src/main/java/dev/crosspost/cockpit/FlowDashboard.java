package dev.crosspost.cockpit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.crosspost.message.Queues;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/**
 * The Cockpit dashboard's numbers per channel: messages in and sends out in the last hour and day, failed sends
 * (open incidents), sends being retried, unrouted messages and the oldest flow still waiting to send. A person
 * sees the queues whose history Camunda lets them read ({@code READ_HISTORY} on the process definition), as in
 * Cockpit itself; channels without a queue only Camunda administrators.
 */
@Service
class FlowDashboard {

    private final Queues queues;
    private final MessageCounts messages;
    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final Clock clock;

    FlowDashboard(Queues queues, MessageCounts messages, IdentityService identity, AuthorizationService authorizations,
                  HistoryService history, RuntimeService runtime, ManagementService management) {
        this.queues = queues;
        this.messages = messages;
        this.identity = identity;
        this.authorizations = authorizations;
        this.history = history;
        this.runtime = runtime;
        this.management = management;
        this.clock = Clock.systemUTC();
    }

    /** One channel's row. Queue fields are null for a channel without a queue. */
    record ChannelFlows(String channel, String processKey, String processName, String processDefinitionId,
                        long inLastHour, long inLastDay, long sentLastHour, long sentLastDay, long skippedLastDay,
                        long failures, long retrying, long unroutedLastDay, Instant oldestPendingSince) {
    }

    List<ChannelFlows> channels(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        boolean admin = groups.contains(Groups.CAMUNDA_ADMIN);
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant dayAgo = now.minus(Duration.ofDays(1));
        Map<String, MessageCounts.Counts> counts = messages.since(hourAgo, dayAgo);
        Map<String, ChannelFlows> rows = new TreeMap<>();
        for (Queues.QueueInfo q : queues.deployed()) {
            if (authorizations.isUserAuthorized(userId, groups, Permissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
                    q.processKey())) {
                rows.put(q.channel(), queueRow(q, counts.get(q.channel()), hourAgo, dayAgo));
            }
        }
        if (admin) {
            counts.values().stream().filter(c -> !rows.containsKey(c.channel())).forEach(c -> rows.put(c.channel(),
                    new ChannelFlows(c.channel(), null, null, null, c.lastHour(), c.lastDay(), 0, 0, 0, 0, 0,
                            c.unroutedLastDay(), null)));
        }
        return List.copyOf(rows.values());
    }

    private ChannelFlows queueRow(Queues.QueueInfo q, MessageCounts.Counts in, Instant hourAgo, Instant dayAgo) {
        String key = q.processKey();
        HistoricProcessInstance oldest = history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .unfinished().orderByProcessInstanceStartTime().asc().listPage(0, 1).stream().findFirst().orElse(null);
        return new ChannelFlows(q.channel(), key, q.processName(), q.processDefinitionId(),
                in == null ? 0 : in.lastHour(), in == null ? 0 : in.lastDay(),
                sends(key, "SENT", hourAgo), sends(key, "SENT", dayAgo), sends(key, "SKIPPED", dayAgo),
                runtime.createIncidentQuery().processDefinitionKeyIn(key).count(),
                management.createJobQuery().processDefinitionKey(key).withException().withRetriesLeft().count(),
                in == null ? 0 : in.unroutedLastDay(),
                oldest == null ? null : oldest.getStartTime().toInstant());
    }

    /** Send results the queue's send tasks recorded ({@code delivery_<task>} = "SENT to …" / "SKIPPED (…): …"). */
    private long sends(String processKey, String outcome, Instant since) {
        String table = management.getTableName(HistoricVariableInstance.class);
        return history.createNativeHistoricVariableInstanceQuery()
                .sql("select count(*) from " + table + " where PROC_DEF_KEY_ = #{key} and NAME_ like 'delivery%'"
                        + " and TEXT_ like #{outcome} and CREATE_TIME_ >= #{since}")
                .parameter("key", processKey).parameter("outcome", outcome + "%").parameter("since", Date.from(since))
                .count();
    }
}

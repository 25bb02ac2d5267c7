package dev.crosspost.cockpit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.crosspost.message.MessageFigures;
import dev.crosspost.message.Queues;
import dev.crosspost.message.outbox.OutboxEntry;
import dev.crosspost.message.outbox.OutboxFigures;
import io.swagger.v3.oas.annotations.media.Schema;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;

/**
 * The outcome of each send of a message, from the outbox, for Cockpit's Messages tab and trace. A person sees the
 * sends of a message when they may read its queue's history ({@code READ_HISTORY} on the process definition, as
 * Cockpit asks for a finished flow); nothing of messages they may not read, which look like messages without sends.
 */
@Service
class Sends {

    /** The process a send whose retries ran out becomes an incident of (business key = message id). */
    static final String DELIVERY_FAILED = "delivery-failed";

    /** How many message ids one request may ask about (a page of the Messages tab holds 20). */
    static final int MAX_MESSAGES = 200;
    /** At most this many messages are found by an outcome (newest first). */
    static final int MAX_FOUND = 500;

    private final MessageFigures messages;
    private final OutboxFigures outbox;
    private final Readers readers;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final Queues queues;

    Sends(MessageFigures messages, OutboxFigures outbox, Readers readers, HistoryService history,
          RuntimeService runtime, Queues queues) {
        this.messages = messages;
        this.outbox = outbox;
        this.readers = readers;
        this.history = history;
        this.runtime = runtime;
        this.queues = queues;
    }

    /**
     * One send.
     *
     * @param id             the send's stable id (the {@code send <id>} its task recorded)
     * @param outcome        sent, waiting, retrying, failed or skipped
     * @param lastError      why the last attempt failed (or why it was skipped)
     * @param incidentFlowId the running {@value #DELIVERY_FAILED} flow whose incident retries it, if any
     * @param action         say (the message's line), correct (a correction of the line said there) or retract (its
     *                       removal there); a correction or removal the channel cannot make is skipped with the reason
     */
    record Send(String messageId, String id, String target,
                @Schema(allowableValues = {"sent", "waiting", "retrying", "failed", "skipped"}) String outcome,
                int attempts, @Nullable Instant nextAttemptAt, @Nullable String lastError, Instant createdAt,
                @Nullable Instant sentAt, @Nullable String incidentFlowId,
                @Schema(allowableValues = {"say", "correct", "retract"}) String action) {
    }

    List<Send> of(String userId, Collection<String> messageIds) {
        Set<String> wanted = Set.copyOf(messageIds);
        if (wanted.isEmpty()) {
            return List.of();
        }
        if (wanted.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("at most " + MAX_MESSAGES + " message ids at once");
        }
        Map<String, String> flows = messages.flowsOf(wanted);
        if (flows.isEmpty()) {
            return List.of();
        }
        Map<String, String> keyOfFlow = history.createHistoricProcessInstanceQuery()
                .processInstanceIds(Set.copyOf(flows.values())).list().stream()
                .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getProcessDefinitionKey));
        Readers.Reader reader = readers.of(userId);
        List<String> readable = flows.entrySet().stream()
                .filter(e -> keyOfFlow.containsKey(e.getValue()) && reader.mayReadHistory(keyOfFlow.get(e.getValue())))
                .map(Map.Entry::getKey).toList();
        return readable.isEmpty() ? List.of() : outbox.sendsOf(readable).stream().map(this::send).toList();
    }

    /** Messages of queue {@code processKey} with a send in {@code outcome}, newest first; none if it may not be read. */
    List<String> messagesWith(String userId, String processKey, SendOutcome outcome) {
        if (!readers.of(userId).mayReadHistory(processKey)) {
            return List.of();
        }
        return queues.deployed().stream().filter(q -> q.processKey().equals(processKey)).findFirst()
                .map(q -> outbox.messagesWith(q.channel(), outcome.status(), outcome.minAttempts(), MAX_FOUND))
                .orElse(List.of());
    }

    private Send send(OutboxEntry row) {
        SendOutcome outcome = SendOutcome.of(row);
        String incident = outcome == SendOutcome.FAILED ? incidentFlow(row) : null;
        return new Send(row.messageId(), row.id(), row.target(), outcome.label(), row.attempts(), row.nextAttemptAt(),
                row.lastError(), row.createdAt(), row.sentAt(), incident, row.action().toLowerCase(Locale.ROOT));
    }

    private String incidentFlow(OutboxEntry row) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(DELIVERY_FAILED)
                .processInstanceBusinessKey(row.messageId()).variableValueEquals("outboxId", row.id()).list().stream()
                .findFirst().map(ProcessInstance::getId).orElse(null);
    }
}

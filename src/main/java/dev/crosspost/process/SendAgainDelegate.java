package dev.crosspost.process;

import dev.crosspost.message.outbox.Outbox;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Service task {@code sendAgain} (in {@code delivery-failed}): sends one outbox row whose retries ran out once more,
 * and marks it sent in the job's transaction.
 * <p>
 * Reads {@code outboxId} (the row's stable id). Output {@code delivery} = {@code SENT to <target>}, or, on a node
 * that does not send the row's kind (a cluster node that does not hold the chat session), {@code QUEUED to <target>
 * (send <id>): handed to the node that holds the chat session} when this run is a Retry (the job failed before: a
 * person retried its incident). Any failure throws: the job fails, and with no retries left it is an incident;
 * Retry in Cockpit runs this again.
 */
@Component("sendAgain")
class SendAgainDelegate implements JavaDelegate {

    private final Outbox outbox;

    SendAgainDelegate(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outboxId = String.valueOf(execution.getVariable(DeliveryFailedIncidents.OUTBOX_ID));
        execution.setVariable("delivery", outbox.resend(outboxId, retried(execution)).summary());
    }

    /**
     * Whether this run of the job follows a failed one: with {@code R1} in the process that means its incident was
     * retried (Cockpit's Retry sets the job's retries; its last failure stays on it).
     */
    private static boolean retried(DelegateExecution execution) {
        Job job = execution.getProcessEngineServices().getManagementService().createJobQuery()
                .processInstanceId(execution.getProcessInstanceId()).singleResult();
        return job != null && job.getExceptionMessage() != null;
    }
}

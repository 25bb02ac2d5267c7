package dev.crosspost.process;

import dev.crosspost.message.Outbox;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code sendAgain} (in {@code delivery-failed}): sends one outbox row whose retries ran out once more,
 * and marks it sent in the job's transaction.
 * <p>
 * Reads {@code outboxId} (the row's stable id). Output {@code delivery} = {@code SENT to <target>}. Any failure
 * throws: the job fails, and with no retries left it is an incident; Retry in Cockpit runs this again.
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
        execution.setVariable("delivery", outbox.resend(outboxId).summary());
    }
}

package dev.crosspost.process;

import dev.crosspost.subscription.Digests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Service task {@code deliverDigest} (in {@code digest-delivery}): sends one digest to its member.
 * <p>
 * Reads {@code digestId}. Output {@code delivery} = {@code SENT to ...} or {@code SKIPPED: reason}. The digest
 * is marked sent in the job's transaction and sent under an id derived from the digest id, so a retried job
 * never sends a second, different digest. An outage throws (retried, then an incident); error code
 * {@value Deliveries#REFUSED} when the receiving side refused for good, reason in {@code refusal}.
 */
@Component("deliverDigest")
class DeliverDigestDelegate implements JavaDelegate {

    private final Digests digests;

    DeliverDigestDelegate(Digests digests) {
        this.digests = digests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String digestId = String.valueOf(execution.getVariable("digestId"));
        Deliveries.record(execution, () -> digests.deliver(digestId, ClockUtil.getCurrentTime().toInstant()));
    }
}

package dev.crosspost.process;

import dev.crosspost.message.DeliveryRefused;
import dev.crosspost.subscription.Digests;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Service task {@code deliverDigest} (in {@code digest-delivery}): sends one digest to its member.
 * <p>
 * Reads {@code digestId}. Output {@code delivery} = {@code SENT to ...} or {@code SKIPPED: reason}. The digest
 * is marked sent in the job's transaction and sent under an id derived from the digest id, so a retried job
 * never sends a second, different digest. An outage throws (retried, then an incident); error code
 * {@code DELIVERY_REFUSED} when the receiving side refused for good, reason in {@code refusal}.
 */
@Component("deliverDigest")
class DeliverDigestDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(DeliverDigestDelegate.class);

    private final Digests digests;

    DeliverDigestDelegate(Digests digests) {
        this.digests = digests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String digestId = String.valueOf(execution.getVariable("digestId"));
        try {
            execution.setVariable("delivery", digests.deliver(digestId, ClockUtil.getCurrentTime().toInstant()));
        } catch (DeliveryRefused | IllegalArgumentException refused) {
            log.warn("delivery refused for good, not retried (process {}): {}", execution.getProcessInstanceId(),
                    refused.getMessage());
            execution.setVariable("refusal", refused.getMessage());
            throw new BpmnError(DeliverNotificationDelegate.REFUSED, refused.getMessage());
        }
    }
}

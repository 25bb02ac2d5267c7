package dev.crosspost.process;

import java.util.function.Supplier;

import dev.crosspost.message.DeliveryRefused;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the deliver tasks ({@code deliverNotification}, {@code deliverDigest}) share: the outcome goes to variable
 * {@code delivery}; a send the receiving side refused for good (an SMS gateway 4xx, a malformed address) ends
 * the process at "Refused" with BPMN error {@value #REFUSED} and the reason in variable {@code refusal}, because
 * retrying cannot help. Anything else thrown is an outage: the job is retried, then an incident.
 */
final class Deliveries {

    static final String REFUSED = "DELIVERY_REFUSED";

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private Deliveries() {
    }

    static void record(DelegateExecution execution, Supplier<String> delivery) {
        try {
            execution.setVariable("delivery", delivery.get());
        } catch (DeliveryRefused | IllegalArgumentException refused) {
            log.warn("delivery refused for good, not retried (process {}): {}", execution.getProcessInstanceId(),
                    refused.getMessage());
            execution.setVariable("refusal", refused.getMessage());
            throw new BpmnError(REFUSED, refused.getMessage());
        }
    }
}

package dev.crosspost.process;

import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.DeliveryFailures;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * A send whose retries ran out becomes a {@value #PROCESS} instance (business key = message id), whose job tries it
 * once more and, failing, is an incident with a working Retry in Cockpit.
 */
@Component
class DeliveryFailedIncidents implements DeliveryFailures {

    static final String PROCESS = "delivery-failed";
    static final String OUTBOX_ID = "outboxId";

    private final RuntimeService runtime;

    DeliveryFailedIncidents(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void retriesRanOut(String outboxId, String messageId, ChannelAddress target, String error) {
        runtime.startProcessInstanceByKey(PROCESS, messageId,
                Map.of(OUTBOX_ID, outboxId, "target", target.toString(), "error", error == null ? "" : error));
    }
}

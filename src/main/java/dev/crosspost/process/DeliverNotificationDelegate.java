package dev.crosspost.process;

import dev.crosspost.subscription.Notifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code deliverNotification} (in {@code notify-delivery}): sends one message to one immediate
 * subscriber.
 * <p>
 * Reads {@code subscriptionId} and the message variables ({@code messageId}, {@code channel}, {@code sender},
 * {@code senderName}, {@code text}, {@code receivedAt}). Output {@code delivery} = {@code SENT to ...} or
 * {@code SKIPPED: reason} (unsubscribed meanwhile, no address, channel switched off). An outage throws, so
 * the job is retried (then an incident). Error code {@value Deliveries#REFUSED} when the receiving side refused
 * for good (an SMS gateway 4xx, a malformed address): retrying cannot help, the process ends at "Refused" with
 * the reason in variable {@code refusal}.
 */
@Component("deliverNotification")
class DeliverNotificationDelegate implements JavaDelegate {

    private final Notifier notifier;

    DeliverNotificationDelegate(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String subscriptionId = String.valueOf(execution.getVariable("subscriptionId"));
        Deliveries.record(execution, () -> notifier.deliver(subscriptionId, MessageVariables.notice(execution)));
    }
}

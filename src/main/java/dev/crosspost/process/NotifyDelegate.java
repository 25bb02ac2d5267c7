package dev.crosspost.process;

import dev.crosspost.subscription.Notice;
import dev.crosspost.subscription.Notifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code notify}: tells the subscribers of the message's channel.
 * <p>
 * Reads the queue variables ({@code messageId}, {@code channel}, {@code sender}, {@code senderName},
 * {@code text}, {@code receivedAt}); no inputs. Immediate subscribers: one outbox send per subscriber, written in
 * this transaction and sent after it commits (each target has its own lane, so a failing recipient holds back no
 * one else). Digest subscribers: queues a digest entry, once per subscription and message. The sender is never
 * notified. A retried or repeated run writes nothing twice. Outputs: {@code notified} (number of immediate
 * recipients), {@code queuedForDigest}, and per immediate subscription {@code notified_<subscription id>} =
 * {@code QUEUED to <target> (send <outbox id>)} or {@code SKIPPED: reason}.
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

    private final Notifier notifier;

    NotifyDelegate(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Notice notice = MessageVariables.notice(execution);
        Notifier.Plan plan = notifier.plan(notice);
        for (String subscriptionId : plan.immediate()) {
            execution.setVariable("notified_" + subscriptionId, notifier.deliver(subscriptionId, notice));
        }
        execution.setVariable("notified", plan.immediate().size());
        execution.setVariable("queuedForDigest", plan.queued());
    }
}

package dev.crosspost.process;

import java.util.Map;

import dev.crosspost.subscription.Notice;
import dev.crosspost.subscription.Notifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code notify}: tells the subscribers of the message's channel.
 * <p>
 * Reads the queue variables ({@code messageId}, {@code channel}, {@code sender}, {@code senderName},
 * {@code text}, {@code receivedAt}); no inputs. Immediate subscribers: starts one {@value #DELIVERY_PROCESS}
 * instance per subscriber (business key = message id), whose asynchronous, retried task sends to that one
 * person, so a failing recipient holds back no one else. Digest subscribers: queues a digest entry, once
 * per subscription and message. The sender is never notified. Everything happens in the job's transaction:
 * a retried notify job starts and queues nothing twice. Outputs: {@code notified} (number of immediate
 * recipients), {@code queuedForDigest}.
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

    static final String DELIVERY_PROCESS = "notify-delivery";

    private final Notifier notifier;

    NotifyDelegate(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Notice notice = MessageVariables.notice(execution);
        Notifier.Plan plan = notifier.plan(notice);
        var runtime = execution.getProcessEngineServices().getRuntimeService();
        for (String subscriptionId : plan.immediate()) {
            Map<String, Object> vars = MessageVariables.of(notice);
            vars.put("subscriptionId", subscriptionId);
            runtime.startProcessInstanceByKey(DELIVERY_PROCESS, notice.messageId(), vars);
        }
        execution.setVariable("notified", plan.immediate().size());
        execution.setVariable("queuedForDigest", plan.queued());
    }
}

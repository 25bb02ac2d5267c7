package dev.crosspost.process;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Delivery;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.outbox.Outbox;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code redirect}: sends the message on to another channel.
 * <p>
 * Inputs: {@code target} (channel address, may be an expression), {@code template} (default
 * {@code {sender}: {text}}; placeholders {@code {sender}}, {@code {text}}, {@code {channel}} and any process
 * variable). Output: variable {@code delivery_<activityId>} = {@code QUEUED to <target> (send <outbox id>)} (the
 * send is an outbox row in this transaction and leaves after commit, retried on outages), {@code SENT to <target>}
 * (a local channel, a shoutbox: done in this transaction) or {@code SKIPPED (<target>): reason}. Never sends back to
 * the message's own channel. Error code {@code BAD_TARGET} when the target is not a channel address or cannot exist
 * (an unknown shoutbox).
 */
@Component("redirect")
class RedirectDelegate implements JavaDelegate {

    private final Outbox outbox;

    RedirectDelegate(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ChannelAddress target = target(execution);
        Object template = execution.getVariable("template");
        OutgoingMessage outgoing = MessageVariables.redirect(execution).message(execution.getCurrentActivityId(),
                template == null ? null : template.toString(), MessageVariables.templateValues(execution));
        Delivery delivery;
        try {
            delivery = outbox.send(target, outgoing);
        } catch (IllegalArgumentException unreachable) {
            throw new BpmnError("BAD_TARGET", unreachable.getMessage());
        }
        execution.setVariable("delivery_" + execution.getCurrentActivityId(), delivery.summary());
    }

    private static ChannelAddress target(DelegateExecution execution) {
        Object raw = execution.getVariable("target");
        try {
            return ChannelAddress.parse(raw == null ? null : raw.toString());
        } catch (IllegalArgumentException e) {
            throw new BpmnError("BAD_TARGET", "redirect target: " + e.getMessage());
        }
    }
}

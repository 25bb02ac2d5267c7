package dev.crosspost.process;

import java.util.HashMap;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Delivery;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.Outbox;
import dev.crosspost.message.TextTemplate;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code redirect}: sends the message on to another channel.
 * <p>
 * Inputs: {@code target} (channel address, may be an expression), {@code template} (default
 * {@code {sender}: {text}}; placeholders {@code {sender}}, {@code {text}}, {@code {channel}} and any process
 * variable). Output: variable {@code delivery_<activityId>} = {@code SENT} or {@code SKIPPED: reason}.
 * Never sends back to the message's own channel. Error code {@code BAD_TARGET} when the target is not a
 * channel address or cannot exist (an unknown shoutbox); an outage throws, so the job is retried.
 */
@Component("redirect")
class RedirectDelegate implements JavaDelegate {

    static final String DEFAULT_TEMPLATE = "{sender}: {text}";

    private final Outbox outbox;

    RedirectDelegate(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ChannelAddress target = target(execution);
        String template = stringOr(execution.getVariable("template"), DEFAULT_TEMPLATE);
        Map<String, Object> values = new HashMap<>(execution.getVariables());
        values.put(Vars.SENDER, stringOr(execution.getVariable(Vars.SENDER_NAME),
                stringOr(execution.getVariable(Vars.SENDER), "someone")));
        String messageId = String.valueOf(execution.getVariable(Vars.MESSAGE_ID));
        var outgoing = new OutgoingMessage(
                OutgoingMessage.idFor(messageId, execution.getCurrentActivityId()), messageId,
                ChannelAddress.parse(String.valueOf(execution.getVariable(Vars.CHANNEL))),
                (String) execution.getVariable(Vars.SENDER), (String) execution.getVariable(Vars.SENDER_NAME),
                TextTemplate.render(template, values));
        Delivery delivery;
        try {
            delivery = outbox.send(target, outgoing);
        } catch (IllegalArgumentException unreachable) {
            throw new BpmnError("BAD_TARGET", unreachable.getMessage());
        }
        execution.setVariable("delivery_" + execution.getCurrentActivityId(), delivery.status() == Delivery.Status.SENT
                ? "SENT to " + target : "SKIPPED (" + target + "): " + delivery.reason());
    }

    private static ChannelAddress target(DelegateExecution execution) {
        Object raw = execution.getVariable("target");
        try {
            return ChannelAddress.parse(raw == null ? null : raw.toString());
        } catch (IllegalArgumentException e) {
            throw new BpmnError("BAD_TARGET", "redirect target: " + e.getMessage());
        }
    }

    private static String stringOr(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}

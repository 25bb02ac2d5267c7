package dev.crosspost.process;

import java.time.Instant;

import dev.crosspost.message.ChannelAddress;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Makes a process that a timer started (no incoming message) look like one a message started, so that
 * {@code redirect} and {@code storeAsStory} work in it: {@code messageId} = the process instance id (also the
 * business key), {@code channel} = {@code timer:<process key>}, sender {@code crosspost}, {@code origin}
 * {@code crosspost}. A process started by a message keeps its variables.
 */
final class TimerMessage {

    /** The channel kind of a message a timer made: {@code timer:<process key>}. */
    static final String KIND = "timer";
    static final String CROSSPOST = "crosspost";

    private TimerMessage() {
    }

    static void ensure(DelegateExecution execution) {
        if (execution.getVariable(MessageVariables.MESSAGE_ID) != null) {
            return;
        }
        String definitionId = execution.getProcessDefinitionId();
        String key = definitionId.contains(":") ? definitionId.substring(0, definitionId.indexOf(':')) : definitionId;
        execution.getProcessInstance().setVariables(MessageVariables.ofTimer(execution.getProcessInstanceId(),
                ChannelAddress.of(KIND, key), Instant.now()));
        if (execution.getProcessBusinessKey() == null) {
            execution.getProcessInstance().setProcessBusinessKey(execution.getProcessInstanceId());
        }
    }
}

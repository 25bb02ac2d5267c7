package dev.crosspost.process;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Makes a process that a timer started (no incoming message) look like one a message started, so that
 * {@code redirect} and {@code storeAsStory} work in it: {@code messageId} = the process instance id (also the
 * business key), {@code channel} = {@code timer:<process key>}, sender {@code crosspost}, {@code origin}
 * {@code crosspost}. A process started by a message keeps its variables.
 */
final class TimerMessage {

    static final String CROSSPOST = "crosspost";

    private TimerMessage() {
    }

    static void ensure(DelegateExecution execution) {
        if (execution.getVariable(Vars.MESSAGE_ID) != null) {
            return;
        }
        DelegateExecution instance = execution.getProcessInstance();
        String definitionId = execution.getProcessDefinitionId();
        String key = definitionId.contains(":") ? definitionId.substring(0, definitionId.indexOf(':')) : definitionId;
        instance.setVariable(Vars.MESSAGE_ID, execution.getProcessInstanceId());
        instance.setVariable(Vars.CHANNEL, "timer:" + key);
        instance.setVariable(Vars.SENDER, CROSSPOST);
        instance.setVariable(Vars.SENDER_NAME, "Crosspost");
        instance.setVariable(Vars.ORIGIN, CROSSPOST);
        instance.setVariable(Vars.RECEIVED_AT, Instant.now().toString());
        if (execution.getProcessBusinessKey() == null) {
            instance.setProcessBusinessKey(execution.getProcessInstanceId());
        }
    }
}

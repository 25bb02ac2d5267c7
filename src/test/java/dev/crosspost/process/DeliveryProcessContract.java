package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crosspost.message.ChannelOutage;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What both delivery processes (notify-delivery, digest-delivery) promise: one recipient, sent asynchronously,
 * retried on outages, ended at Refused for good refusals. Each subclass names its process and deploys it.
 */
abstract class DeliveryProcessContract {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final List<String> delivered = new ArrayList<>();

    /** The bean name of the delivering delegate, as the process's delegate expression names it. */
    abstract String delegate();

    /** The delivering service task's id. */
    abstract String task();

    /** The variable naming what is delivered, and its value in {@link #start()}. */
    abstract String idVariable();

    abstract String id();

    abstract ProcessInstance start();

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void sendsToTheRecipientInItsOwnJob() {
        Mocks.register(delegate(), (JavaDelegate) e -> {
            delivered.add((String) e.getVariable(idVariable()));
            e.setVariable("delivery", "SENT to mail:bob@example.org");
        });
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(task());
        assertThat(delivered).isEmpty();
        execute(job());

        assertThat(instance).hasPassed("End_Delivered").isEnded();
        assertThat(delivered).containsExactly(id());
    }

    @Test
    void anOutageIsRetriedAndNotLost() {
        Mocks.register(delegate(), (JavaDelegate) e -> {
            throw new ChannelOutage("SMTP down");
        });
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(task());
        assertThrows(ChannelOutage.class, () -> managementService().executeJob(job().getId()));

        assertThat(instance).isWaitingAt(task());
        assertThat(job().getRetries()).as("R10/PT1M: one try used").isEqualTo(9);
        assertThat(job().getExceptionMessage()).contains("SMTP down");
    }

    @Test
    void aRefusalForGoodEndsAtRefusedWithTheReason() {
        Mocks.register(delegate(), (JavaDelegate) e -> {
            throw new BpmnError("DELIVERY_REFUSED", "the SMS gateway refused: 400");
        });
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(task());
        execute(job());

        assertThat(instance).hasPassed("Boundary_Refused", "End_Refused").isEnded();
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("refusal").singleResult().getValue()).isEqualTo("the SMS gateway refused: 400");
    }
}

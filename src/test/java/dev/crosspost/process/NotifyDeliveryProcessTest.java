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

import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** notify-delivery: one subscriber, sent asynchronously, retried on outages, ended at Refused for good refusals. */
@Deployment(resources = "processes/notify-delivery.bpmn")
class NotifyDeliveryProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private static final String TASK = "Task_DeliverNotification";

    private final List<String> delivered = new ArrayList<>();

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void sendsToTheSubscriberInItsOwnJob() {
        Mocks.register("deliverNotification", (JavaDelegate) e -> {
            delivered.add((String) e.getVariable("subscriptionId"));
            e.setVariable("delivery", "SENT to mail:bob@example.org");
        });
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt("Task_DeliverNotification");
        assertThat(delivered).isEmpty();
        execute(job());

        assertThat(instance).hasPassed("End_Delivered").isEnded();
        assertThat(delivered).containsExactly("sub-1");
    }

    @Test
    void anOutageIsRetriedAndNotLost() {
        Mocks.register("deliverNotification", (JavaDelegate) e -> {
            throw new IllegalStateException("SMTP down");
        });
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(TASK);
        assertThrows(IllegalStateException.class, () -> managementService().executeJob(job().getId()));

        assertThat(instance).isWaitingAt("Task_DeliverNotification");
        assertThat(job().getRetries()).as("R10/PT1M: one try used").isEqualTo(9);
        assertThat(job().getExceptionMessage()).contains("SMTP down");
    }

    @Test
    void aRefusalForGoodEndsAtRefusedWithTheReason() {
        Mocks.register("deliverNotification", (JavaDelegate) e -> {
            throw new BpmnError("DELIVERY_REFUSED", "the SMS gateway refused: 400");
        });
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(TASK);
        execute(job());

        assertThat(instance).hasPassed("Boundary_Refused", "End_Refused").isEnded();
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("refusal").singleResult().getValue()).isEqualTo("the SMS gateway refused: 400");
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey("notify-delivery", "m-1",
                Map.of("subscriptionId", "sub-1", "messageId", "m-1", "channel", "shoutbox:team", "text", "hi"));
    }
}

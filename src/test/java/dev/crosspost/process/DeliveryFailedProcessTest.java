package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.outbox.OutboxFixture;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * delivery-failed: a send whose retries ran out is tried once more as a job; failing, an incident; Retry (one more
 * retry on the job) sends it and marks it SENT. Runs with the real outbox on H2 and a mail port that is down until
 * the test brings it back.
 */
@Deployment(resources = "processes/delivery-failed.bpmn")
class DeliveryFailedProcessTest {

    private static final ChannelAddress MAIL = ChannelAddress.parse("mail:bob@example.org");

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final AtomicInteger failures = new AtomicInteger(Integer.MAX_VALUE);
    private final RecordingPort mail = new RecordingPort("mail") {
        @Override
        public java.util.concurrent.CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
            if (failures.getAndDecrement() > 0) {
                return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("SMTP down"));
            }
            return super.send(target, message);
        }
    };
    private final OutboxFixture outbox = OutboxFixture.with(java.time.Duration.ZERO, mail);

    @BeforeEach
    void delegates() {
        Mocks.register("sendAgain", new SendAgainDelegate(outbox.outbox()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        outbox.close();
    }

    @Test
    void theSendIsAnIncidentUntilRetryDeliversIt() {
        var message = new OutgoingMessage("o-1", "m-1", ChannelAddress.parse("shoutbox:team"), "alice", "Alice", "hi");
        outbox.outbox().send(MAIL, message);
        org.awaitility.Awaitility.await().until(() -> "FAILED".equals(outbox.status("o-1")));

        ProcessInstance instance = start();
        assertThat(instance).isWaitingAt("Task_SendAgain");
        assertThrows(IllegalStateException.class, () -> managementService().executeJob(job().getId()));
        assertThat(job().getRetries()).as("R1: no retry left").isZero();
        assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

        failures.set(0); // SMTP is back: Retry in Cockpit
        managementService().setJobRetries(job().getId(), 1);
        execute(job());

        assertThat(instance).hasPassed("End_Delivered").isEnded();
        assertThat(mail.sent()).hasSize(1);
        assertThat(outbox.status("o-1")).isEqualTo("SENT");
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey("delivery-failed", "m-1",
                Map.of("outboxId", "o-1", "target", MAIL.toString(), "error", "SMTP down at " + Instant.now()));
    }
}

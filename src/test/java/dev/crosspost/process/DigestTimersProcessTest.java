package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * digest-hourly, digest-daily, digest-weekly: each timer fires when it should (engine clock moved with
 * {@link ClockUtil}; cron in the JVM's time zone) and collects the digests of its interval.
 */
class DigestTimersProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder(ProcessTests.CONFIGURATION).build();

    // Wednesday 2026-11-25 06:30 local time
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 6, 30);

    private final List<String> collected = new ArrayList<>();
    private String deploymentId;

    @BeforeEach
    void delegates() {
        Mocks.register("collectDigests", (JavaDelegate) e -> {
            collected.add((String) e.getVariable("interval"));
            e.setVariable("digests", 0);
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
        if (deploymentId != null) {
            repositoryService().deleteDeployment(deploymentId, true);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "hourly, 2026-11-25T07:00, 2026-11-25T08:00",
            "daily,  2026-11-25T07:00, 2026-11-26T07:00",
            "weekly, 2026-11-30T07:00, 2026-12-07T07:00"})
    void theTimerFiresOnScheduleAndCollectsItsInterval(String interval, LocalDateTime first, LocalDateTime second) {
        ClockUtil.setCurrentTime(date(NOW));
        deploymentId = repositoryService().createDeployment()
                .addClasspathResource("processes/digest-" + interval + ".bpmn").deploy().getId();

        Job timer = jobQuery().processDefinitionKey("digest-" + interval).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(date(first));

        ClockUtil.setCurrentTime(date(first));
        execute(timer);
        var instance = runtimeService().createProcessInstanceQuery().processDefinitionKey("digest-" + interval)
                .singleResult();
        assertThat(instance).isWaitingAt("Task_CollectDigests");
        assertThat(collected).as("collecting is a retried job of its own").isEmpty();
        execute(jobQuery().processInstanceId(instance.getId()).singleResult());

        assertThat(instance).hasPassed("Task_CollectDigests", "End_DigestsStarted").isEnded();
        assertThat(collected).containsExactly(interval);
        Job next = jobQuery().processDefinitionKey("digest-" + interval).timers().singleResult();
        assertThat(next.getDuedate()).isEqualTo(date(second));
    }

    private static Date date(LocalDateTime local) {
        return Date.from(local.atZone(ZoneId.systemDefault()).toInstant());
    }
}

package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;

import dev.crosspost.fortune.Fortunes;
import dev.crosspost.message.outbox.OutboxFixture;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The timer of hourly-fortune, with the engine's clock moved by hand (no job executor runs here). */
@Deployment(resources = "processes/hourly-fortune.bpmn")
class HourlyFortuneProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private static final Instant DEPLOYED = Instant.parse("2026-03-01T08:00:00Z");

    private final RecordingPort room = new RecordingPort("xmpp-room");
    private final OutboxFixture outbox = OutboxFixture.of(room);
    private final FakeStoryArchive stories = new FakeStoryArchive();

    @BeforeEach
    void delegates(@TempDir Path dir) throws Exception {
        // The deployment (and so the first timer) happens after this, at the time set here.
        ClockUtil.setCurrentTime(Date.from(DEPLOYED));
        Files.writeString(dir.resolve("sayings"), "First saying.\n%\nSecond saying.\n%\nThird saying.\n");
        Mocks.register("fortune", new FortuneDelegate(Fortunes.load(dir.toString(), 400, new Random(7))));
        Mocks.register("redirect", new RedirectDelegate(outbox.outbox()));
        Mocks.register("storeAsStory", new StoreAsStoryDelegate(stories));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        outbox.close();
        ClockUtil.reset();
    }

    @Test
    void threeHoursGiveExactlyThreeFortunesInTheRoomAndThreeStories() {
        Instant firstDue = timer().getDuedate().toInstant();
        assertThat(firstDue).isEqualTo(DEPLOYED.plus(Duration.ofHours(1)));

        for (int hour = 0; hour < 3; hour++) {
            runDueJobsAt(firstDue.plus(Duration.ofHours(hour)).plusSeconds(5));
        }

        List<HistoricProcessInstance> instances = historyService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("hourly-fortune").completed().list();
        assertThat(instances).hasSize(3);
        await().until(() -> room.sent().size() == 3);
        assertThat(stories.saved()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            var sent = room.sent().get(i).message();
            var story = stories.saved().get(i);
            assertThat(sent.text()).startsWith("Fortune of the hour: ").endsWith(story.body());
            assertThat(story.body()).isIn("First saying.", "Second saying.", "Third saying.");
            // A timer-started process gets a message of its own: one story per run, keyed by the instance.
            assertThat(story.messageId()).isEqualTo(sent.messageId());
            assertThat(story.channel()).isEqualTo("timer:hourly-fortune");
            assertThat(story.title()).isNull();
            assertThat(room.sent().get(i).target()).hasToString("xmpp-room:team@conference.localhost");
        }
        assertThat(instances).extracting(HistoricProcessInstance::getBusinessKey)
                .containsExactlyInAnyOrderElementsOf(stories.saved().stream().map(s -> s.messageId()).toList());
        assertThat(timer().getDuedate().toInstant()).isEqualTo(firstDue.plus(Duration.ofHours(3)));
    }

    @Test
    void hoursMissedWhileTheAppWasDownGiveOneCatchUpFortuneNotABurst() {
        Instant firstDue = timer().getDuedate().toInstant();
        Instant backUp = firstDue.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(20));

        runDueJobsAt(backUp);

        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey("hourly-fortune")
                .count()).isEqualTo(1);
        await().until(() -> room.sent().size() == 1);
        assertThat(stories.saved()).hasSize(1);
        // The engine schedules the next fortune at the next slot after now, on the original hour grid.
        assertThat(timer().getDuedate().toInstant()).isEqualTo(firstDue.plus(Duration.ofHours(6)));
    }

    private static Job timer() {
        return managementService().createJobQuery().timers().singleResult();
    }

    /** Sets the engine clock and runs every job due by then, as the job executor would. */
    private static void runDueJobsAt(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        for (int round = 0; round < 100; round++) {
            List<Job> due = managementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService().executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming: a burst or a loop");
    }
}

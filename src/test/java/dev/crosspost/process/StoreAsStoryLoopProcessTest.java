package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Save as story" + "announce new stories" cannot loop: even a queue of {@code event:story} that saves every
 * story event as a story stops after one round, because a saved story's event carries its origin.
 */
@Deployment(resources = "bpmn/save-every-story-event.bpmn")
class StoreAsStoryLoopProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    // Like the real archive, every new story is announced on event:story, with origin = where it was saved from.
    private final FakeStoryArchive stories = new FakeStoryArchive(saved -> start(event(saved.title(),
            saved.channel())));

    @BeforeEach
    void delegates() {
        Mocks.register("storeAsStory", new StoreAsStoryDelegate(stories));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aStoryEventIsSavedOnceAndTheSavedStorysOwnEventIsNotSavedAgain() {
        start(event("Lunch", null));

        for (int round = 0; round < 20; round++) {
            List<Job> due = managementService().createJobQuery().executable().list();
            due.forEach(job -> managementService().executeJob(job.getId()));
        }

        assertThat(stories.saved()).hasSize(1);
        assertThat(stories.saved().get(0).channel()).isEqualTo("event:story");
        assertThat(historyService().createHistoricProcessInstanceQuery().count()).isEqualTo(2);
        assertThat(historyService().createHistoricProcessInstanceQuery().unfinished().count()).isZero();
        assertThat(historyService().createHistoricVariableInstanceQuery().variableName("story_Task_SaveAsStory")
                .list()).extracting(HistoricVariableInstance::getValue).map(String::valueOf)
                .satisfiesExactlyInAnyOrder(
                        v -> assertThat(v).startsWith("SAVED "),
                        v -> assertThat(v).startsWith("SKIPPED: event:story event about a story Crosspost saved"));
    }

    private static IncomingMessage event(String title, String origin) {
        String id = UUID.randomUUID().toString();
        return new IncomingMessage(id, ChannelAddress.parse("event:story"), "story.created:" + id, "alice",
                "Alice", "Alice created story \"" + title + "\": u", Instant.now(), origin,
                Map.of("kind", "story.created", "storyId", id, "title", title == null ? "" : title, "team", ""));
    }

    private static void start(IncomingMessage m) {
        runtimeService().createMessageCorrelation("event:story").processInstanceBusinessKey(m.id())
                .setVariables(MessageVariables.of(m)).correlateStartMessage();
    }
}

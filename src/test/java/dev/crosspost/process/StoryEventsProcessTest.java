package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
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

@Deployment(resources = "processes/story-events.bpmn")
class StoryEventsProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final RecordingPort room = new RecordingPort("xmpp-room");
    private final OutboxFixture outbox = OutboxFixture.of(room);
    private final List<Object> notified = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void delegates() {
        Mocks.register("redirect", new RedirectDelegate(outbox.outbox()));
        Mocks.register("notify", (org.camunda.bpm.engine.delegate.JavaDelegate) e -> notified.add(e.getVariable("messageId")));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        outbox.close();
    }

    @Test
    void aStoryAPersonWroteIsAnnouncedInTheTeamRoomWithItsLink() {
        ProcessInstance instance = start("story.created", "", null,
                "Alice A created story \"Lunch\": http://localhost:8080/stories/s-1");

        // subscribers first, in a job of their own (the event's message is kept by then), then the room: an outbox row
        assertThat(instance).isWaitingAt("Task_NotifySubscribers");
        execute(job());
        assertThat(notified).containsExactly(instance.getBusinessKey());
        assertThat(instance).hasPassed("Task_NotifySubscribers", "Task_AnnounceInRoom", "End_Announced").isEnded();
        await().until(() -> room.sent().size() == 1);
        assertThat(room.sent().get(0).target()).hasToString("xmpp-room:team@conference.localhost");
        assertThat(room.sent().get(0).message().text())
                .isEqualTo("[stories] Alice A created story \"Lunch\": http://localhost:8080/stories/s-1");
    }

    @Test
    void editsAndCommentsOfTheTeamsOwnStoriesAreAnnouncedToo() {
        var updated = start("story.updated", "team", null, "Alice A updated story \"Lunch\": u");
        execute(job(updated));
        var commented = start("comment.created", "", null, "Bob commented on story \"Lunch\": \"yes\" u");
        execute(job(commented));

        await().until(() -> room.sent().size() == 2);
        assertThat(room.sent()).extracting(s -> s.message().text()).containsExactly(
                "[stories] Alice A updated story \"Lunch\": u", "[stories] Bob commented on story \"Lunch\": \"yes\" u");
    }

    @Test
    void aStoryCrosspostSavedItselfIsNotAnnouncedAgain() {
        ProcessInstance instance = start("story.created", "", "timer:hourly-fortune",
                "Crosspost created story \"A stitch in time\": u");
        execute(job(instance));

        assertThat(instance).hasPassed("End_NotAnnounced").hasNotPassed("Task_AnnounceInRoom").isEnded();
        assertThat(room.sent()).isEmpty();
    }

    @Test
    void anotherTeamsStoryStaysOutOfTheTeamRoom() {
        ProcessInstance instance = start("story.created", "secret-team", null, "Eve created story \"Plans\": u");
        execute(job(instance));

        // its subscribers are told (each only if they may read it: Notifier), the team room is not
        assertThat(instance).hasPassed("Task_NotifySubscribers", "End_NotAnnounced").isEnded();
        assertThat(room.sent()).isEmpty();
    }

    private static ProcessInstance start(String kind, String team, String origin, String text) {
        String id = "m-" + kind + "-" + System.nanoTime();
        var message = new IncomingMessage(id, ChannelAddress.parse("event:story"), id, "alice", "Alice A", text,
                Instant.now(), origin, Map.of("kind", kind, "storyId", "s-1", "title", "Lunch", "team", team,
                "url", "http://localhost:8080/stories/s-1", "author", "alice"));
        return runtimeService().createMessageCorrelation("event:story").processInstanceBusinessKey(id)
                .setVariables(MessageVariables.of(message)).correlateStartMessage();
    }
}

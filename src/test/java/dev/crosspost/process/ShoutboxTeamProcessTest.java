package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.outbox.OutboxFixture;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = "processes/shoutbox-team.bpmn")
class ShoutboxTeamProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final RecordingPort room = new RecordingPort("xmpp-room");
    private final List<String> notified = new ArrayList<>();
    private final OutboxFixture outbox = OutboxFixture.of(room);

    @BeforeEach
    void delegates() {
        Mocks.register("redirect", new RedirectDelegate(outbox.outbox()));
        Mocks.register("notify", (JavaDelegate) execution -> notified.add((String) execution.getVariable("messageId")));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        outbox.close();
    }

    @Test
    void aShoutIsSaidInTheTeamRoomNamingItsAuthor() {
        var message = new IncomingMessage("m-1", ChannelAddress.parse("shoutbox:team"), "m-1", "alice", "Alice A",
                "hello room", Instant.parse("2026-01-01T10:00:00Z"), null, Map.of());
        var instance = runtimeService().createMessageCorrelation("shoutbox:team")
                .processInstanceBusinessKey(message.id())
                .setVariables(MessageVariables.of(message))
                .correlateStartMessage();

        // The whole flow runs in the accepting transaction, no job: the room line is an outbox row written
        // there, and leaves for the room once it committed (an outage of the chat server delays it, the outbox
        // retries it).
        assertThat(instance).hasPassed("Task_NotifySubscribers", "Task_RedirectToRoom").isEnded();
        assertThat(jobQuery().count()).isZero();
        assertThat(notified).containsExactly("m-1");
        String id = OutgoingMessage.idFor("m-1", "Task_RedirectToRoom");
        assertThat(historyService().createHistoricVariableInstanceQuery().variableName("delivery_Task_RedirectToRoom")
                .singleResult().getValue())
                .isEqualTo("QUEUED to xmpp-room:team@conference.localhost (send " + id + ")");
        await().until(() -> "SENT".equals(outbox.status(id)));
        assertThat(room.sent()).hasSize(1);
        var sent = room.sent().get(0);
        assertThat(sent.target()).hasToString("xmpp-room:team@conference.localhost");
        assertThat(sent.message().text()).isEqualTo("[team] Alice A: hello room");
        assertThat(sent.message().messageId()).isEqualTo("m-1");
        assertThat(sent.message().originChannel()).hasToString("shoutbox:team");
    }
}

package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.outbox.OutboxFixture;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = "processes/webhook-ci.bpmn")
class WebhookCiProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final RecordingPort room = new RecordingPort("xmpp-room");
    private final RecordingPort shoutbox = RecordingPort.local("shoutbox");
    private final OutboxFixture outbox = OutboxFixture.of(room, shoutbox);

    @BeforeEach
    void delegates() {
        Mocks.register("redirect", new RedirectDelegate(outbox.outbox()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        outbox.close();
    }

    @Test
    void aCallOfTheCiHookIsSaidInTheTeamRoomAndPutOnTheTeamShoutbox() {
        var call = new IncomingMessage("m-9", ChannelAddress.parse("webhook:ci"), "delivery-9", "webhook:ci", "GitHub",
                "[org/repo] alice pushed 1 commit to main: \"fix login\"", Instant.parse("2026-01-01T10:00:00Z"), null,
                Map.of("preset", "github", "event", "push", "repository", "org/repo"));
        var instance = runtimeService().createMessageCorrelation("webhook:ci")
                .processInstanceBusinessKey(call.id())
                .setVariables(MessageVariables.of(call))
                .correlateStartMessage();

        // one transaction, no job: the room line is an outbox row, the shout is appended at once
        assertThat(instance).hasPassed("Task_RedirectToRoom", "Task_RedirectToShoutbox").isEnded()
                .variables().containsEntry("event", "push").containsEntry("repository", "org/repo");
        assertThat(jobQuery().count()).isZero();
        assertThat(shoutbox.sent()).hasSize(1);
        assertThat(shoutbox.sent().get(0).target()).hasToString("shoutbox:team");
        assertThat(shoutbox.sent().get(0).message().text()).isEqualTo(call.text());
        assertThat(shoutbox.sent().get(0).message().senderName()).isEqualTo("GitHub");
        await().until(() -> "SENT".equals(outbox.status(OutgoingMessage.idFor("m-9", "Task_RedirectToRoom"))));
        assertThat(room.sent()).hasSize(1);
        assertThat(room.sent().get(0).target()).hasToString("xmpp-room:team@conference.localhost");
        assertThat(room.sent().get(0).message().text())
                .isEqualTo("[ci] GitHub: [org/repo] alice pushed 1 commit to main: \"fix login\"");
        assertThat(room.sent().get(0).message().originChannel()).hasToString("webhook:ci");
    }
}

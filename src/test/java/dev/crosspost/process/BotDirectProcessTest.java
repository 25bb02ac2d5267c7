package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.OutboxFixture;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = "processes/bot-direct.bpmn")
class BotDirectProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final RecordingPort shoutbox = RecordingPort.local("shoutbox");
    private final RecordingPort xmpp = new RecordingPort("xmpp");
    private final OutboxFixture outbox = OutboxFixture.of(shoutbox, xmpp);

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
    void aDirectMessageGoesToTheShoutboxAndTheSenderIsToldSo() {
        var dm = new IncomingMessage("m-9", ChannelAddress.parse("xmpp-direct:bot"), "alice@localhost/x1", "alice",
                "Alice A", "hello from my phone", Instant.parse("2026-01-01T10:00:00Z"), null,
                Map.of("senderJid", "alice@localhost"));
        var instance = runtimeService().createMessageCorrelation("xmpp-direct:bot")
                .processInstanceBusinessKey(dm.id())
                .setVariables(MessageVariables.of(dm))
                .correlateStartMessage();

        // One transaction, no job: the shout is appended in it, the confirmation is an outbox row that leaves
        // after commit (a chat outage delays the confirmation; the shout is never appended twice).
        assertThat(instance).hasPassed("Task_RedirectToShoutbox", "Task_ConfirmToSender").isEnded();
        assertThat(shoutbox.sent()).hasSize(1);
        await().until(() -> xmpp.sent().size() == 1);
        var shout = shoutbox.sent().get(0);
        assertThat(shout.target()).hasToString("shoutbox:team");
        assertThat(shout.message().text()).isEqualTo("hello from my phone");
        assertThat(shout.message().sender()).isEqualTo("alice");
        assertThat(xmpp.sent()).hasSize(1);
        var confirmation = xmpp.sent().get(0);
        assertThat(confirmation.target()).hasToString("xmpp:alice@localhost");
        assertThat(confirmation.message().text()).isEqualTo("Thanks Alice A, your message is on the team shoutbox.");
        assertThat(confirmation.message().id()).isNotEqualTo(shout.message().id());
    }
}

package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.outbox.OutboxFixture;
import dev.crosspost.support.ProcessTests;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = "processes/room-team.bpmn")
class RoomTeamProcessTest {

    static final String ROOM = "xmpp-room:team@conference.localhost";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final RecordingPort shoutbox = RecordingPort.local("shoutbox");
    private final OutboxFixture outbox = OutboxFixture.of(shoutbox);

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
    void aLineInTheTeamRoomGoesToTheTeamShoutboxByItsAuthor() {
        var line = new IncomingMessage("m-7", ChannelAddress.parse(ROOM), "stanza-7", "alice", "Alice A",
                "hello shoutbox", Instant.parse("2026-01-01T10:00:00Z"), null,
                Map.of("nickname", "ali", "senderJid", "alice@localhost"));
        var instance = runtimeService().createMessageCorrelation(ROOM)
                .processInstanceBusinessKey(line.id())
                .setVariables(MessageVariables.of(line))
                .correlateStartMessage();

        // The shoutbox is local: the shout is appended in the accepting transaction, no job, no outbox row.
        assertThat(instance).hasPassed("Task_RedirectToShoutbox").isEnded();
        assertThat(shoutbox.sent()).hasSize(1);
        var sent = shoutbox.sent().get(0);
        assertThat(sent.target()).hasToString("shoutbox:team");
        assertThat(sent.message().text()).isEqualTo("hello shoutbox");
        assertThat(sent.message().sender()).isEqualTo("alice");
        assertThat(sent.message().senderName()).isEqualTo("Alice A");
        // The shout's origin: the shoutbox port records it, so the page can say it came from the chat room.
        assertThat(sent.message().originChannel()).hasToString(ROOM);
    }
}

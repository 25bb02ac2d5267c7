package dev.crosspost.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.member.PostingTeams;
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

@Deployment(resources = "processes/bot-direct.bpmn")
class BotDirectProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTests.engine();

    private final RecordingPort shoutbox = RecordingPort.local("shoutbox");
    private final RecordingPort xmpp = new RecordingPort("xmpp");
    private final OutboxFixture outbox = OutboxFixture.of(shoutbox, xmpp);

    /** alice is in team, bob in team and ops, carol in none. */
    private static final Map<String, Member> MEMBERS = Map.of(
            "alice", new Member("alice", "Alice A", null, null, null, Set.of("team"), false),
            "bob", new Member("bob", "Bob B", null, null, null, Set.of("team", "ops"), false),
            "carol", new Member("carol", "Carol C", null, null, null, Set.of(), false));

    @BeforeEach
    void delegates() {
        Mocks.register("redirect", new RedirectDelegate(outbox.outbox()));
        Mocks.register("senderTeam", new SenderTeamDelegate(new PostingTeams(new Directory() {
            @Override
            public Optional<Member> member(String id) {
                return Optional.ofNullable(MEMBERS.get(id));
            }

            @Override
            public Optional<Member> memberByXmpp(String bareJid) {
                return Optional.empty();
            }

            @Override
            public boolean teamExists(String teamId) {
                return Set.of("team", "ops", "other").contains(teamId);
            }

            @Override
            public void updateProfile(String memberId, String xmpp, String phone) {
            }
        })));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        outbox.close();
    }

    private static org.camunda.bpm.engine.runtime.ProcessInstance directMessage(String sender, String team) {
        Map<String, String> attributes = new HashMap<>(Map.of("senderJid", sender + "@localhost"));
        if (team != null) {
            attributes.put("team", team);
        }
        var dm = new IncomingMessage("m-" + sender, ChannelAddress.parse("xmpp-direct:bot"), sender + "@localhost/x1",
                sender, MEMBERS.get(sender).name(), "hello from my phone", Instant.parse("2026-01-01T10:00:00Z"), null,
                attributes);
        return runtimeService().createMessageCorrelation("xmpp-direct:bot")
                .processInstanceBusinessKey(dm.id())
                .setVariables(MessageVariables.of(dm))
                .correlateStartMessage();
    }

    @Test
    void aDirectMessageGoesToTheSendersOnlyTeamAndTheSenderIsToldSo() {
        var instance = directMessage("alice", null);

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
        assertThat(confirmation.message().text()).isEqualTo("Thanks Alice A, your message is on the shoutbox of team.");
        assertThat(confirmation.message().id()).isNotEqualTo(shout.message().id());
    }

    @Test
    void aMemberOfSeveralTeamsWhoNamesNoneIsToldHowToChooseAndNothingIsPosted() {
        var instance = directMessage("bob", null);

        assertThat(instance).hasPassed("Boundary_NoTeam", "Task_TellHowToChoose")
                .hasNotPassed("Task_RedirectToShoutbox").isEnded();
        assertThat(shoutbox.sent()).isEmpty();
        await().until(() -> xmpp.sent().size() == 1);
        assertThat(xmpp.sent()).singleElement().satisfies(reply -> {
            assertThat(reply.target()).hasToString("xmpp:bob@localhost");
            assertThat(reply.message().text()).contains("several teams", "!post ops hello", "ops, team");
        });
    }

    @Test
    void aNamedTeamOfTheSendersIsWhereItGoes() {
        var instance = directMessage("bob", "ops");

        assertThat(instance).hasPassed("Task_RedirectToShoutbox", "Task_ConfirmToSender").isEnded();
        assertThat(shoutbox.sent()).singleElement().satisfies(s -> assertThat(s.target()).hasToString("shoutbox:ops"));
    }

    @Test
    void aTeamThatIsNotTheSendersOrNoTeamAtAllIsRefused() {
        var other = directMessage("alice", "other");
        var none = directMessage("carol", null);

        assertThat(other).hasPassed("Task_TellHowToChoose").isEnded();
        assertThat(none).hasPassed("Task_TellHowToChoose").isEnded();
        assertThat(shoutbox.sent()).isEmpty();
        await().until(() -> xmpp.sent().size() == 2);
        assertThat(xmpp.sent()).extracting(r -> r.message().text()).satisfiesExactlyInAnyOrder(
                t -> assertThat(t).contains("not a member of team other", "!post team hello"),
                t -> assertThat(t).contains("in no team"));
    }
}

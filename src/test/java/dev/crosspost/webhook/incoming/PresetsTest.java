package dev.crosspost.webhook.incoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosspost.refusal.Invalid;
import org.junit.jupiter.api.Test;

/** Each preset's line and attributes for payloads shaped as GitHub's, Alertmanager's and Slack's documentation shows. */
class PresetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static UnaryOperator<String> event(String name) {
        return header -> header.equalsIgnoreCase("X-GitHub-Event") ? name : null;
    }

    @Test
    void textTakesSlacksFieldsAndRefusesAnEmptyText() throws Exception {
        var reading = new TextPreset("ci").read(json("{'text': 'build broken', 'username': 'Jenkins'}"), h -> null);
        assertThat(reading.text()).isEqualTo("build broken");
        assertThat(reading.senderName()).isEqualTo("Jenkins");
        assertThat(reading.attributes()).containsEntry("preset", "text").containsEntry("username", "Jenkins");
        assertThat(new TextPreset("ci").read(json("{'text': 'hi'}"), h -> null).senderName()).isEqualTo("ci");
        assertThatThrownBy(() -> new TextPreset("ci").read(json("{'text': '  '}"), h -> null))
                .isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> new TextPreset("ci").read(json("{'message': 'x'}"), h -> null))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void aGithubPushIsOneLine() throws Exception {
        var reading = new GithubPreset().read(json("""
                {'ref': 'refs/heads/main', 'repository': {'full_name': 'org/repo'}, 'pusher': {'name': 'alice'},
                 'sender': {'login': 'alice'}, 'compare': 'https://github.com/org/repo/compare/a...b',
                 'commits': [{}, {}, {}], 'head_commit': {'message': 'fix login\\n\\nlong body'}}"""), event("push"));
        assertThat(reading.text()).isEqualTo("[org/repo] alice pushed 3 commits to main: \"fix login\"");
        assertThat(reading.senderName()).isEqualTo("GitHub");
        assertThat(reading.attributes()).containsEntry("event", "push").containsEntry("repository", "org/repo")
                .containsEntry("branch", "main").containsEntry("sender", "alice");
    }

    @Test
    void githubPullRequestsIssuesWorkflowsAndReleases() throws Exception {
        var pr = new GithubPreset().read(json("""
                {'action': 'closed', 'repository': {'full_name': 'org/repo'}, 'sender': {'login': 'bob'},
                 'pull_request': {'number': 12, 'title': 'Add login', 'merged': true}}"""), event("pull_request"));
        assertThat(pr.text()).isEqualTo("[org/repo] bob merged pull request #12: \"Add login\"");
        assertThat(pr.attributes()).containsEntry("action", "closed").containsEntry("merged", "true")
                .containsEntry("number", "12");

        var issue = new GithubPreset().read(json("""
                {'action': 'opened', 'repository': {'full_name': 'org/repo'}, 'sender': {'login': 'carol'},
                 'issue': {'number': 5, 'title': 'Crash on start'}}"""), event("issues"));
        assertThat(issue.text()).isEqualTo("[org/repo] carol opened issue #5: \"Crash on start\"");

        var run = new GithubPreset().read(json("""
                {'action': 'completed', 'repository': {'full_name': 'org/repo'}, 'sender': {'login': 'dave'},
                 'workflow_run': {'name': 'CI', 'head_branch': 'main', 'status': 'completed', 'conclusion': 'failure'}}"""),
                event("workflow_run"));
        assertThat(run.text()).isEqualTo("[org/repo] workflow \"CI\" on main: failure");
        assertThat(run.attributes()).containsEntry("status", "failure").containsEntry("action", "completed");

        var release = new GithubPreset().read(json("""
                {'action': 'published', 'repository': {'full_name': 'org/repo'}, 'sender': {'login': 'erin'},
                 'release': {'tag_name': 'v1.2', 'name': 'Spring'}}"""), event("release"));
        assertThat(release.text()).isEqualTo("[org/repo] erin published release v1.2: \"Spring\"");
        assertThat(release.attributes()).containsEntry("tag", "v1.2");
    }

    @Test
    void aGithubPingAndOtherEventsAreNoMessage() throws Exception {
        assertThat(new GithubPreset().read(json("{'zen': 'Keep it simple.'}"), event("ping")).ignored())
                .contains("ping");
        assertThat(new GithubPreset().read(json("{}"), event("star")).ignored()).contains("star");
        assertThatThrownBy(() -> new GithubPreset().read(json("{}"), h -> null)).isInstanceOf(Invalid.class)
                .hasMessageContaining("X-GitHub-Event");
    }

    @Test
    void anAlertGroupIsOneMessageFiringOrResolved() throws Exception {
        String group = """
                {'version': '4', 'status': '%s', 'receiver': 'team', 'groupLabels': {'alertname': 'HighLatency'},
                 'commonLabels': {'alertname': 'HighLatency', 'severity': 'page'},
                 'commonAnnotations': {'summary': 'p99 over 2 s'},
                 'alerts': [{'status': '%s'}, {'status': '%s'}]}""";
        var firing = new AlertmanagerPreset().read(json(group.formatted("firing", "firing", "firing")), h -> null);
        assertThat(firing.text()).isEqualTo("[FIRING:2] HighLatency — p99 over 2 s");
        assertThat(firing.senderName()).isEqualTo("Alertmanager");
        assertThat(firing.attributes()).containsAllEntriesOf(Map.of("status", "firing", "alertname", "HighLatency",
                "severity", "page", "receiver", "team", "alerts", "2", "firing", "2"));
        var resolved = new AlertmanagerPreset().read(json(group.formatted("resolved", "resolved", "resolved")),
                h -> null);
        assertThat(resolved.text()).isEqualTo("[RESOLVED] HighLatency — p99 over 2 s");
        assertThatThrownBy(() -> new AlertmanagerPreset().read(json("{'text': 'x'}"), h -> null))
                .isInstanceOf(Invalid.class);
    }
}

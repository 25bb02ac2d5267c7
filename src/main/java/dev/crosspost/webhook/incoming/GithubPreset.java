package dev.crosspost.webhook.incoming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.refusal.Invalid;

/**
 * {@code github}: a GitHub webhook, one readable line per event ({@code X-GitHub-Event}): {@code push},
 * {@code pull_request}, {@code issues}, {@code workflow_run}, {@code release}. {@code ping} (sent when the hook is
 * added) and other events are answered 200 without a message. The sender shown is "GitHub".
 * Attributes: {@code preset}, {@code event}, {@code action}, {@code repository} ({@code org/repo}), {@code sender}
 * (the GitHub login), and per event {@code branch} (push, workflow_run), {@code number} (pull_request, issues),
 * {@code merged} (pull_request), {@code status} (workflow_run: its conclusion once completed, else its status),
 * {@code tag} (release, a pushed tag), {@code url} (the page on GitHub).
 */
final class GithubPreset implements Preset {

    static final String SENDER = "GitHub";
    private static final int TITLE = 120;

    @Override
    public String name() {
        return "github";
    }

    @Override
    public Reading read(JsonNode p, UnaryOperator<String> header) {
        String event = header.apply("X-GitHub-Event");
        if (event == null || event.isBlank()) {
            throw new Invalid("the github preset needs the X-GitHub-Event header");
        }
        if (!p.isObject()) {
            throw new Invalid("a GitHub payload is a JSON object");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("preset", name());
        a.put("event", event);
        a.put("action", Preset.text(p, "/action"));
        String repo = Preset.text(p, "/repository/full_name");
        a.put("repository", repo);
        String who = Preset.text(p, "/sender/login");
        a.put("sender", who);
        String line = switch (event) {
            case "ping" -> null;
            case "push" -> push(p, who, a);
            case "pull_request" -> numbered(p.path("pull_request"), "pull request", who, a);
            case "issues" -> numbered(p.path("issue"), "issue", who, a);
            case "workflow_run" -> workflow(p.path("workflow_run"), a);
            case "release" -> release(p, who, a);
            default -> null;
        };
        if (line == null) {
            return Reading.ignored("ping".equals(event) ? "ping: the hook works"
                    : "the github preset turns no '" + event + "' event into a message");
        }
        return Reading.message((repo.isEmpty() ? "" : "[" + repo + "] ") + line, SENDER, a);
    }

    private static String push(JsonNode p, String who, Map<String, String> a) {
        String pusher = Preset.text(p, "/pusher/name").isEmpty() ? who : Preset.text(p, "/pusher/name");
        String ref = Preset.text(p, "/ref");
        boolean tag = ref.startsWith("refs/tags/");
        String name = ref.replaceFirst("^refs/(heads|tags)/", "");
        a.put(tag ? "tag" : "branch", name);
        a.put("url", Preset.text(p, "/compare"));
        String what = (tag ? "tag " : "branch ") + name;
        if (p.path("deleted").asBoolean()) {
            return pusher + " deleted " + what;
        }
        int commits = p.path("commits").size();
        if (tag || commits == 0) {
            return pusher + " pushed " + what;
        }
        String head = Preset.firstLine(Preset.text(p, "/head_commit/message"), TITLE);
        return pusher + " pushed " + commits + (commits == 1 ? " commit" : " commits") + " to " + name
                + (head.isEmpty() ? "" : ": \"" + head + "\"");
    }

    private static String numbered(JsonNode item, String kind, String who, Map<String, String> a) {
        String action = a.get("action");
        String number = Preset.text(item, "/number");
        a.put("number", number);
        a.put("url", Preset.text(item, "/html_url"));
        boolean merged = item.path("merged").asBoolean();
        if ("pull request".equals(kind)) {
            a.put("merged", String.valueOf(merged));
        }
        String did = "closed".equals(action) && merged ? "merged" : action.replace('_', ' ');
        return who + " " + did + " " + kind + " #" + number + ": \""
                + Preset.firstLine(Preset.text(item, "/title"), TITLE) + "\"";
    }

    private static String workflow(JsonNode run, Map<String, String> a) {
        String conclusion = Preset.text(run, "/conclusion");
        String status = conclusion.isEmpty() ? Preset.text(run, "/status") : conclusion;
        String branch = Preset.text(run, "/head_branch");
        a.put("status", status);
        a.put("branch", branch);
        a.put("url", Preset.text(run, "/html_url"));
        String name = Preset.firstLine(Preset.text(run, "/name"), TITLE);
        return "workflow \"" + name + "\"" + (branch.isEmpty() ? "" : " on " + branch) + ": "
                + (status.isEmpty() ? a.get("action") : status);
    }

    private static String release(JsonNode p, String who, Map<String, String> a) {
        String tag = Preset.text(p, "/release/tag_name");
        String title = Preset.firstLine(Preset.text(p, "/release/name"), TITLE);
        a.put("tag", tag);
        a.put("url", Preset.text(p, "/release/html_url"));
        return who + " " + a.get("action").replace('_', ' ') + " release " + tag
                + (title.isEmpty() || title.equals(tag) ? "" : ": \"" + title + "\"");
    }
}

package dev.crosspost.process;

import java.util.HashMap;
import java.util.Map;

import dev.crosspost.message.TextTemplate;
import dev.crosspost.story.StoryArchive;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code storeAsStory}: saves the message as a story (author {@code crosspost}, origin = the
 * message's channel), readable by every member or by one team.
 * <p>
 * Inputs: {@code title} (template; empty: the first words of the body), {@code body} (template; default
 * {@code {text}}), {@code team} (optional: only that team reads it). Placeholders as in {@code redirect}:
 * {@code {sender}}, {@code {text}}, {@code {channel}} and any process variable. Outputs: {@code savedStoryId}
 * and {@code savedStoryUrl}; {@code story_<activityId>} = {@code SAVED <id>}, {@code ALREADY SAVED <id>} or
 * {@code SKIPPED: reason}. Error code {@code BAD_STORY} when the body is empty or the team unknown.
 * <p>
 * <b>Idempotent:</b> one story per message and task ({@code messageId} + activity id, unique in the table):
 * a retried job, a re-run or a restarted instance never saves a second one. Use {@code asyncBefore}.
 * <p>
 * <b>No loops:</b> saving a story announces it ({@code story.created} on {@code event:story}) with
 * {@code origin} set. A queue of {@code event:story} that saves story events as stories would make a new event
 * for each story it saves, and so on for ever; so this task saves no site event whose {@code origin} is set
 * (an event about a story Crosspost saved itself): it records {@code SKIPPED} and the process goes on. The
 * shipped {@code story-events} queue does not announce such stories in the first place.
 */
@Component("storeAsStory")
class StoreAsStoryDelegate implements JavaDelegate {

    static final String DEFAULT_BODY = "{text}";

    private final StoryArchive archive;

    StoreAsStoryDelegate(StoryArchive archive) {
        this.archive = archive;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TimerMessage.ensure(execution);
        String step = execution.getCurrentActivityId();
        String channel = String.valueOf(execution.getVariable(Vars.CHANNEL));
        Object origin = execution.getVariable(Vars.ORIGIN);
        if (channel.startsWith("event:") && origin != null && !origin.toString().isBlank()) {
            execution.setVariable("story_" + step, "SKIPPED: " + channel + " event about a story Crosspost saved"
                    + " from " + origin + "; saving it again would loop");
            return;
        }
        Map<String, Object> values = new HashMap<>(execution.getVariables());
        values.put(Vars.SENDER, stringOr(execution.getVariable(Vars.SENDER_NAME),
                stringOr(execution.getVariable(Vars.SENDER), "someone")));
        String body = TextTemplate.render(stringOr(execution.getVariable("body"), DEFAULT_BODY), values);
        Object titleTemplate = execution.getVariable("title");
        String title = titleTemplate == null ? null : TextTemplate.render(titleTemplate.toString(), values);
        Object team = execution.getVariable("team");
        StoryArchive.SavedStory saved;
        try {
            saved = archive.saveFromMessage(new StoryArchive.MessageToSave(
                    String.valueOf(execution.getVariable(Vars.MESSAGE_ID)), step, channel, title, body,
                    team == null ? null : team.toString()));
        } catch (IllegalArgumentException invalid) {
            throw new BpmnError("BAD_STORY", "storeAsStory: " + invalid.getMessage());
        }
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable("savedStoryId", saved.storyId());
        instance.setVariable("savedStoryUrl", saved.url());
        execution.setVariable("story_" + step, (saved.created() ? "SAVED " : "ALREADY SAVED ") + saved.storyId());
    }

    private static String stringOr(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}

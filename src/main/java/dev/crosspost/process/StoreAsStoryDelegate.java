package dev.crosspost.process;

import java.util.Map;
import java.util.Optional;

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
 * <b>No loops:</b> a site event about a story Crosspost saved itself is not saved again
 * ({@link StoryArchive#loopReason}): the task records {@code SKIPPED} and the process goes on.
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
        String result = "story_" + execution.getCurrentActivityId();
        String channel = String.valueOf(execution.getVariable(MessageVariables.CHANNEL));
        Object origin = execution.getVariable(MessageVariables.ORIGIN);
        Optional<String> loop = StoryArchive.loopReason(channel, origin == null ? null : origin.toString());
        if (loop.isPresent()) {
            execution.setVariable(result, "SKIPPED: " + loop.get());
            return;
        }
        StoryArchive.MessageToSave story = toSave(execution, channel);
        StoryArchive.SavedStory saved;
        try {
            saved = archive.saveFromMessage(story);
        } catch (IllegalArgumentException invalid) {
            throw new BpmnError("BAD_STORY", "storeAsStory: " + invalid.getMessage());
        }
        execution.getProcessInstance().setVariable("savedStoryId", saved.storyId());
        execution.getProcessInstance().setVariable("savedStoryUrl", saved.url());
        execution.setVariable(result, (saved.created() ? "SAVED " : "ALREADY SAVED ") + saved.storyId());
    }

    private static StoryArchive.MessageToSave toSave(DelegateExecution execution, String channel) {
        Map<String, Object> values = MessageVariables.templateValues(execution);
        Object body = execution.getVariable("body");
        Object title = execution.getVariable("title");
        Object team = execution.getVariable("team");
        return new StoryArchive.MessageToSave(String.valueOf(execution.getVariable(MessageVariables.MESSAGE_ID)),
                execution.getCurrentActivityId(), channel,
                title == null ? null : TextTemplate.render(title.toString(), values),
                TextTemplate.render(body == null || body.toString().isBlank() ? DEFAULT_BODY : body.toString(), values),
                team == null ? null : team.toString());
    }
}

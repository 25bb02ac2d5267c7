package dev.crosspost.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.support.AbstractIT;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** storeAsStory against the real database: a retried or re-run task never saves a second story. */
class StoreAsStoryIT extends AbstractIT {

    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FailOnceDelegate failOnce;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void aSaveRetriedAfterAFailureAndARestartedInstanceStillMakeOneStory() {
        String text = "Save me once " + unique("t");
        var message = new IncomingMessage(UUID.randomUUID().toString(), ChannelAddress.parse("test:store-as-story"),
                null, "carol", "Carol", text, Instant.now(), null, Map.of());

        String pid = inbox.accept(message).processInstanceId();

        // first run: saved, then failed, rolled back; the retry one second later saves and completes
        awaitCompleted(pid);
        assertThat(failOnce.runs(message.id())).isEqualTo(2);
        List<Map<String, Object>> stories = storiesOf(message.id());
        assertThat(stories).hasSize(1);
        Map<String, Object> story = stories.get(0);
        assertThat(story.get("TITLE").toString()).isEqualTo("IT Carol: " + text);
        assertThat(story.get("BODY")).isEqualTo(text);
        assertThat(story.get("AUTHOR")).isEqualTo("crosspost");
        assertThat(story.get("ORIGIN")).isEqualTo("test:store-as-story");
        assertThat(story.get("SOURCE_STEP")).isEqualTo("Task_SaveAsStory");
        String storyId = story.get("ID").toString();

        // Cockpit's "restart" runs the task again for the same message: it finds the story it saved.
        String definitionId = history.createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult()
                .getProcessDefinitionId();
        runtime.restartProcessInstances(definitionId).startBeforeActivity("Task_SaveAsStory")
                .processInstanceIds(pid).execute();
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(message.id()).completed().count() == 2);
        assertThat(history.createHistoricVariableInstanceQuery().variableName("story_Task_SaveAsStory").list())
                .filteredOn(v -> String.valueOf(v.getValue()).endsWith(storyId))
                .extracting(v -> String.valueOf(v.getValue()))
                .contains("SAVED " + storyId, "ALREADY SAVED " + storyId);
        // both runs have ended (above): nothing of theirs can save a story any more
        assertThat(storiesOf(message.id())).hasSize(1);

        // Its story.created event names where it came from, so story-events does not announce it a second time.
        var queue = new StoryEventsSupport(admin());
        JsonNode event = queue.completedOnce(storyId, "story.created");
        assertThat(queue.variable(event.get("id").asText(), "origin")).containsExactly("test:store-as-story");
        assertThat(queue.activityRuns(event.get("id").asText(), "End_NotAnnounced")).isEqualTo(1);
        assertThat(queue.activityRuns(event.get("id").asText(), "Task_AnnounceInRoom")).isZero();
        assertThat(queue.instances(storyId, "story.created")).hasSize(1);
        // and it is on the site, for every member
        assertThat(as(createMember("dave")).get("/api/stories/" + storyId).json().get("story").get("origin").asText())
                .isEqualTo("test:store-as-story");
    }

    private void awaitCompleted(String pid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(pid).completed().count() == 1);
    }

    private List<Map<String, Object>> storiesOf(String messageId) {
        return jdbc.sql("select * from crosspost.stories where source_message_id = ?").param(messageId).query()
                .listOfRows();
    }
}

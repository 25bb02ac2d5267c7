package dev.crosspost.story;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.support.Api;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Looks up, through /engine-rest as admin, the story-events instances and what their tasks recorded. */
record StoryEventsSupport(Api admin) {

    /** The story-events instances started for this story and kind of event. */
    List<JsonNode> instances(String storyId, String kind) {
        String filter = URLEncoder.encode("storyId_eq_" + storyId + ",kind_eq_" + kind, StandardCharsets.UTF_8);
        return list("/engine-rest/history/process-instance?processDefinitionKey=story-events&variables=" + filter);
    }

    /** Waits for exactly one instance for the event to have completed, and returns it. */
    JsonNode completedOnce(String storyId, String kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> instances(storyId, kind).stream()
                .anyMatch(i -> i.get("state").asText().equals("COMPLETED")));
        return instances(storyId, kind).get(0);
    }

    /** The values a variable had in an instance (history keeps one row per variable and scope). */
    List<String> variable(String processInstanceId, String name) {
        return list("/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId
                + "&variableName=" + name).stream().map(v -> v.get("value").asText()).toList();
    }

    long activityRuns(String processInstanceId, String activityId) {
        return list("/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
                + "&activityId=" + activityId).size();
    }

    List<JsonNode> list(String path) {
        var response = admin.get(path);
        if (response.status() != 200) {
            throw new AssertionError(path + " -> " + response.status() + " " + response.body());
        }
        return StreamSupport.stream(response.json().spliterator(), false).toList();
    }

    /**
     * Waits until every story-events instance of the story has ended and none of their sends is still pending: from
     * then on nothing more of the story's events can reach anyone.
     */
    void settled(String storyId, JdbcClient jdbc) {
        String filter = URLEncoder.encode("storyId_eq_" + storyId, StandardCharsets.UTF_8);
        String path = "/engine-rest/history/process-instance?processDefinitionKey=story-events&variables=" + filter;
        await().atMost(Duration.ofSeconds(30)).until(() -> list(path + "&unfinished=true").isEmpty());
        for (String messageId : list(path).stream().map(i -> i.get("businessKey").asText()).toList()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from crosspost.outbox where message_id = ? and status = 'PENDING'")
                    .param(messageId).query(Long.class).single() == 0);
        }
    }
}

package dev.crosspost.story;

/**
 * Saving a message as a story, for the {@code storeAsStory} service task.
 * <p>
 * Idempotent on the message and the task: saving the same {@code (messageId, step)} again returns the story
 * saved the first time and creates nothing, so a retried job or a re-run task never makes a second story.
 * The new story is announced like any other ({@code story.created} on {@code event:story}), in the same
 * transaction, with {@code origin} = the channel the message came from.
 */
public interface StoryArchive {

    SavedStory saveFromMessage(MessageToSave message);

    /**
     * @param messageId the message's id (the process's business key)
     * @param step      the task that saves it (its activity id)
     * @param channel   the channel the message came in on ({@code kind:name})
     * @param title     the title, one line (shortened to the longest title allowed)
     * @param body      the text of the story
     * @param team      the team that may read it, or {@code null}/blank for every member
     */
    record MessageToSave(String messageId, String step, String channel, String title, String body, String team) {
    }

    /** The story a message was saved as, and whether this call created it. */
    record SavedStory(String storyId, String url, boolean created) {
    }
}

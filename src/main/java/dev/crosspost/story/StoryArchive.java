package dev.crosspost.story;

import java.util.Optional;

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
     * Why a message must not be saved as a story, if it must not: it is a site event about a story Crosspost
     * saved itself ({@code origin} set). Saving it would announce a new story, whose event a queue that saves
     * story events would save again, and so on for ever. The shipped {@code story-events} queue does not
     * announce such stories in the first place.
     *
     * @param channel the channel the message came in on ({@code kind:name})
     * @param origin  where the message came from before, or {@code null}
     */
    static Optional<String> loopReason(String channel, String origin) {
        if (channel.startsWith(StoryEvents.KIND + ":") && origin != null && !origin.isBlank()) {
            return Optional.of(channel + " event about a story Crosspost saved from " + origin
                    + "; saving it again would loop");
        }
        return Optional.empty();
    }

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

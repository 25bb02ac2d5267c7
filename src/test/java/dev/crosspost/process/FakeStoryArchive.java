package dev.crosspost.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.crosspost.story.StoryArchive;

/** An in-memory story archive for process tests, idempotent on (message id, step) like the real one. */
class FakeStoryArchive implements StoryArchive {

    private final List<MessageToSave> saved = new ArrayList<>();
    private final Consumer<MessageToSave> onNewStory;

    FakeStoryArchive() {
        this(m -> { });
    }

    /** {@code onNewStory} plays the part of the story's own event, which the real archive sends to the Inbox. */
    FakeStoryArchive(Consumer<MessageToSave> onNewStory) {
        this.onNewStory = onNewStory;
    }

    @Override
    public SavedStory saveFromMessage(MessageToSave m) {
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i).messageId().equals(m.messageId()) && saved.get(i).step().equals(m.step())) {
                return new SavedStory("story-" + i, "http://localhost:8080/stories/story-" + i, false);
            }
        }
        saved.add(m);
        String id = "story-" + (saved.size() - 1);
        onNewStory.accept(m);
        return new SavedStory(id, "http://localhost:8080/stories/" + id, true);
    }

    List<MessageToSave> saved() {
        return saved;
    }
}

package dev.crosspost.story;

import java.time.Instant;
import java.util.UUID;

import dev.crosspost.member.Directory;
import dev.crosspost.message.Inbox;
import dev.crosspost.refusal.Invalid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Messages saved as stories by the {@code storeAsStory} task. The author is {@code crosspost}, the origin
 * the message's channel; {@code (messageId, step)} is unique in the table as well as checked here, so a
 * retried job, a re-run task or a concurrent duplicate never leaves two stories.
 */
@Service
class MessageStories implements StoryArchive {

    private static final Logger log = LoggerFactory.getLogger(MessageStories.class);

    private final Inbox inbox;
    private final StoryStore store;
    private final StoryEvents events;
    private final Directory directory;
    private final StoryProperties properties;

    MessageStories(Inbox inbox, StoryStore store, StoryEvents events, Directory directory,
                   StoryProperties properties) {
        this.inbox = inbox;
        this.store = store;
        this.events = events;
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public SavedStory saveFromMessage(MessageToSave m) {
        var earlier = store.findBySource(m.messageId(), m.step());
        if (earlier.isPresent()) {
            log.info("story {} already saved from message {} by {}", earlier.get().id(), m.messageId(), m.step());
            return new SavedStory(earlier.get().id(), events.url(earlier.get()), false);
        }
        String team = m.team() == null || m.team().isBlank() ? null : m.team().strip();
        if (team != null && !directory.teamExists(team)) {
            throw new Invalid("no team '" + team + "'");
        }
        // StoryText refuses with Invalid, an IllegalArgumentException: the storeAsStory task's BAD_STORY.
        String body = StoryText.clean("body", m.body(), properties.maxBodyLength());
        String rawTitle = m.title() == null || m.title().isBlank()
                ? StoryText.firstWords(body, 8, properties.maxTitleLength()) : m.title();
        String title = StoryText.title(rawTitle, Integer.MAX_VALUE);
        if (title.length() > properties.maxTitleLength()) {
            title = StoryText.firstWords(title, Integer.MAX_VALUE, properties.maxTitleLength());
        }
        Instant now = StoryService.now();
        String origin = m.channel() == null || m.channel().isBlank() ? Story.CROSSPOST : m.channel();
        Story story = new Story(UUID.randomUUID().toString(), title, body, Story.CROSSPOST, "Crosspost", team,
                m.messageId(), m.channel(), m.step(), origin, 1, now, now);
        inbox.accept(events.created(story), e -> store.insert(story));
        log.info("story {} saved from message {} ({}) by {}", story.id(), m.messageId(), m.channel(), m.step());
        return new SavedStory(story.id(), events.url(story), true);
    }
}

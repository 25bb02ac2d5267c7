package dev.crosspost.story;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Member;
import dev.crosspost.message.MessageLog;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * {@code event:<kind>} (stories, comments): every member follows them, but each event is read only by those who
 * may read its story (a team's story: that team and admins), checked when they are told of it.
 */
@Component
class EventRule implements ChannelRule {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final MessageLog messages;
    private final StoryStore stories;

    EventRule(MessageLog messages, StoryStore stories) {
        this.messages = messages;
        this.stories = stories;
    }

    @Override
    public String kind() {
        return StoryEvents.KIND;
    }

    @Override
    public Optional<Refusal> refusal(Member member, String name) {
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of(new Invalid("event channels are named like event:story (lower-case letters, digits, '-')"));
    }

    @Override
    public Optional<Refusal> refusal(Member member, String name, String messageId) {
        Optional<Refusal> channel = refusal(member, name);
        if (channel.isPresent()) {
            return channel;
        }
        Optional<Story> story = messages.externalId(messageId).flatMap(this::storyOf);
        return story.isPresent() && story.get().visibleTo(member) ? Optional.empty()
                : Optional.of(new Forbidden("the story of this event is not one " + member.id() + " may read"));
    }

    /** The story an event is about, from its event id ({@link StoryEvents}): {@code <kind>:<id>[:<version>]}. */
    private Optional<Story> storyOf(String eventId) {
        String[] parts = eventId.split(":");
        if (parts.length < 2) {
            return Optional.empty();
        }
        Optional<String> storyId = parts[0].equals(StoryEvents.COMMENTED) ? stories.storyOfComment(parts[1])
                : Optional.of(parts[1]);
        return storyId.flatMap(stories::find);
    }
}

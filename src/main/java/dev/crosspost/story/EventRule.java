package dev.crosspost.story;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.crosspost.member.ChannelRule;
import dev.crosspost.member.Member;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/** {@code event:<kind>} (stories, comments): every member reads them, they are shown to everyone. */
@Component
class EventRule implements ChannelRule {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    @Override
    public String kind() {
        return StoryEvents.KIND;
    }

    @Override
    public Optional<Refusal> refusal(Member member, String name) {
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of(new Invalid("event channels are named like event:story (lower-case letters, digits, '-')"));
    }
}

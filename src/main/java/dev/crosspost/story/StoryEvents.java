package dev.crosspost.story;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.web.SiteProperties;
import org.springframework.stereotype.Component;

/**
 * Site events as incoming messages on {@code event:story}. The external id is the event's own id
 * ({@code story.created:<story>}, {@code story.updated:<story>:<version>}, {@code comment.created:<comment>}),
 * so the same event offered twice is kept and routed once.
 * <p>
 * Process variables a queue gets besides the usual ones: {@code kind} ({@code story.created},
 * {@code story.updated}, {@code comment.created}), {@code storyId}, {@code title}, {@code url}, {@code team}
 * (empty for a story every member reads), {@code author} (the story's author) and, for comments,
 * {@code commentId}. For a story Crosspost saved itself, {@code origin} is the channel it was saved from
 * (never empty), so a queue can leave those alone.
 */
@Component
class StoryEvents {

    /** The channel kind of site events: {@code event:<what>}. */
    static final String KIND = "event";
    static final ChannelAddress CHANNEL = ChannelAddress.of(KIND, "story");
    static final String CREATED = "story.created";
    static final String UPDATED = "story.updated";
    static final String COMMENTED = "comment.created";
    private static final int EXCERPT = 120;

    private final SiteProperties site;

    StoryEvents(SiteProperties site) {
        this.site = site;
    }

    String url(Story story) {
        return site.link("/stories/" + story.id());
    }

    /** The ids of the events that announced the story (its creation, each of its updates) as they were taken in. */
    static List<String> announcements(Story s) {
        List<String> ids = new ArrayList<>();
        ids.add(CREATED + ":" + s.id());
        for (int v = 1; v <= s.version(); v++) {
            ids.add(UPDATED + ":" + s.id() + ":" + v);
        }
        return ids;
    }

    /** The id of the event that announced a comment. */
    static String announcement(Comment c) {
        return COMMENTED + ":" + c.id();
    }

    IncomingMessage created(Story s) {
        String text = s.authorName() + " created story \"" + s.title() + "\": " + url(s);
        return message(CREATED + ":" + s.id(), s.author(), s.authorName(), text, s, CREATED, Map.of())
                .withOrigin(s.origin());
    }

    IncomingMessage updated(Story s, String editor, String editorName) {
        String text = editorName + " updated story \"" + s.title() + "\": " + url(s);
        return message(UPDATED + ":" + s.id() + ":" + s.version(), editor, editorName, text, s, UPDATED, Map.of())
                .withOrigin(s.origin());
    }

    IncomingMessage commented(Story s, Comment c) {
        String excerpt = c.body().length() > EXCERPT ? c.body().substring(0, EXCERPT) + "…" : c.body();
        String text = c.authorName() + " commented on story \"" + s.title() + "\": \"" + excerpt + "\" "
                + url(s) + "#comment-" + c.id();
        return message(COMMENTED + ":" + c.id(), c.author(), c.authorName(), text, s, COMMENTED,
                Map.of("commentId", c.id()));
    }

    private IncomingMessage message(String eventId, String sender, String senderName, String text, Story s,
                                    String kind, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put("kind", kind);
        attributes.put("storyId", s.id());
        attributes.put("title", s.title());
        attributes.put("url", url(s));
        attributes.put("team", s.team() == null ? "" : s.team());
        attributes.put("author", s.author());
        return new IncomingMessage(UUID.randomUUID().toString(), CHANNEL, eventId, sender, senderName, text,
                Instant.now(), null, attributes);
    }
}

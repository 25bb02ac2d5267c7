package dev.crosspost.story;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.Acceptance;
import dev.crosspost.message.Inbox;
import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.NotFound;
import org.springframework.stereotype.Service;

/**
 * Writing, editing, commenting and reading stories. Every write goes through the {@link Inbox} as a site
 * event on {@code event:story}, with the row written in the Inbox's transaction: a story exists if and only
 * if its event was kept and its queue started.
 */
@Service
class StoryService {

    private final Inbox inbox;
    private final StoryStore store;
    private final StoryEvents events;
    private final Directory directory;
    private final StoryProperties properties;

    StoryService(Inbox inbox, StoryStore store, StoryEvents events, Directory directory, StoryProperties properties) {
        this.inbox = inbox;
        this.store = store;
        this.events = events;
        this.directory = directory;
        this.properties = properties;
    }

    /** One page of stories, newest first. */
    record Page(List<Story> items, int page, int size, long total) {
    }

    /** A story with its comments, oldest first. */
    record StoryWithComments(Story story, List<Comment> comments) {
    }

    Story create(Member author, String rawTitle, String rawBody, String rawTeam) {
        String title = StoryText.title(rawTitle, properties.maxTitleLength());
        String body = StoryText.clean("body", rawBody, properties.maxBodyLength());
        String team = rawTeam == null || rawTeam.isBlank() ? null : rawTeam.strip();
        if (team != null && !directory.teamExists(team)) {
            throw new Invalid("no team '" + team + "'");
        }
        if (team != null && !author.canAccessTeam(team)) {
            throw new Forbidden("you are not a member of team '" + team + "'");
        }
        Instant now = now();
        Story story = new Story(UUID.randomUUID().toString(), title, body, author.id(), author.name(), team,
                null, null, null, null, 1, now, now);
        inbox.accept(events.created(story), m -> store.insert(story));
        return story;
    }

    Story update(Member editor, String id, String rawTitle, String rawBody, Integer expectedVersion) {
        Story story = visible(editor, id);
        if (!story.editableBy(editor)) {
            throw new Forbidden("only the author or an admin may edit this story");
        }
        if (rawTitle == null && rawBody == null) {
            throw new Invalid("send a new 'title' or 'body'");
        }
        if (expectedVersion != null && expectedVersion != story.version()) {
            throw conflict();
        }
        String title = rawTitle == null ? story.title() : StoryText.title(rawTitle, properties.maxTitleLength());
        String body = rawBody == null ? story.body() : StoryText.clean("body", rawBody, properties.maxBodyLength());
        Story edited = story.edited(title, body, now());
        Acceptance acceptance = inbox.accept(events.updated(edited, editor.id(), editor.name()), m -> {
            if (!store.update(edited)) {
                throw conflict();
            }
        });
        if (acceptance.duplicate()) {
            // Someone else's edit of the same version was kept first; this one was not applied.
            throw conflict();
        }
        return edited;
    }

    Comment comment(Member author, String storyId, String rawBody) {
        Story story = visible(author, storyId);
        String body = StoryText.clean("body", rawBody, properties.maxCommentLength());
        Comment comment = new Comment(UUID.randomUUID().toString(), story.id(), author.id(), author.name(), body,
                now());
        inbox.accept(events.commented(story, comment), m -> store.insert(comment));
        return comment;
    }

    StoryWithComments get(Member reader, String id) {
        Story story = visible(reader, id);
        return new StoryWithComments(story, store.comments(story.id()));
    }

    Page page(Member reader, Integer page, Integer size) {
        int n = size == null ? properties.defaultPageSize() : size;
        int p = page == null ? 0 : page;
        if (n < 1 || n > properties.maxPageSize()) {
            throw new Invalid("size must be between 1 and " + properties.maxPageSize());
        }
        if (p < 0 || (long) p * n > Integer.MAX_VALUE) {
            throw new Invalid("page must be 0 or more (the first page is 0)");
        }
        return new Page(store.newest(reader.teams(), reader.admin(), p * n, n), p, n,
                store.count(reader.teams(), reader.admin()));
    }

    /** The story, if the reader may see it; a team's story looks like no story to everyone else. */
    private Story visible(Member reader, String id) {
        return store.find(id).filter(s -> s.visibleTo(reader))
                .orElseThrow(() -> new NotFound("no story '" + id + "'"));
    }

    private static Conflict conflict() {
        return new Conflict("the story was changed meanwhile; reload it and edit again");
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}

package dev.crosspost.shoutbox;

import java.time.Duration;
import java.time.Instant;

import dev.crosspost.member.Member;
import dev.crosspost.message.MessageChanges;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Forbidden;
import dev.crosspost.refusal.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editing a shout: its author within {@code crosspost.shoutbox.edit-window} of posting it, a moderator of its team
 * or an admin at any time ({@link Moderation#moderates}); the text follows the rules of posting ({@link ShoutText}).
 * The shout keeps its id and place and is marked edited (when, by whom); every open page shows the new text at once
 * ({@code shout-edited}), and {@link MessageChanges} makes the message's copies elsewhere follow (a correction of
 * the line the bot said in the room, relayed copies in other shoutboxes), in the same transaction. An edit is not a
 * new message: the queue does not run again.
 * <p>
 * A shout relayed here from another channel (a room line, another shoutbox) is not edited here: it is a copy, and
 * changes when its author corrects the original where it was said (409).
 */
@Service
class ShoutEditing {

    private static final Logger log = LoggerFactory.getLogger(ShoutEditing.class);

    private final ShoutboxService shoutboxes;
    private final ShoutStore store;
    private final ShoutboxProperties properties;
    private final MessageChanges changes;
    private final ApplicationEventPublisher events;

    ShoutEditing(ShoutboxService shoutboxes, ShoutStore store, ShoutboxProperties properties, MessageChanges changes,
                 ApplicationEventPublisher events) {
        this.shoutboxes = shoutboxes;
        this.store = store;
        this.properties = properties;
        this.changes = changes;
        this.events = events;
    }

    /** Changes the text of shout {@code id} in {@code box} for {@code member}; returns the shout as it now is. */
    @Transactional
    Shout edit(String box, String id, Member member, String rawText) {
        shoutboxes.checkAccess(box, member);
        Shout shout = store.find(id).filter(s -> s.shoutbox().equals(box))
                .orElseThrow(() -> new NotFound("no shout '" + id + "' in '" + box + "'"));
        if (!shout.postedHere()) {
            throw new Conflict("this shout was relayed from " + shout.origin() + ": it changes when its author "
                    + "edits it there");
        }
        Instant now = Instant.now();
        checkAllowed(shout, member, now);
        String text = ShoutText.clean(rawText, properties.maxLength());
        if (text.equals(shout.text())) {
            return shout;
        }
        store.edit(id, text, member.id(), now);
        changes.edited(shout.messageId() == null ? id : shout.messageId(), text);
        events.publishEvent(new ShoutboxService.ShoutEdited(box, id));
        log.info("edited shout {} in {} (author {}) by {}", id, box, shout.author(), member.id());
        return store.find(id).orElseThrow();
    }

    private void checkAllowed(Shout shout, Member member, Instant now) {
        if (Moderation.moderates(member, shout.shoutbox())) {
            return;
        }
        if (!member.id().equals(shout.author())) {
            throw new Forbidden("only the author, a moderator or an admin may edit it");
        }
        if (now.isAfter(shout.editableUntil())) {
            throw new Conflict("a shout can be edited for " + words(properties.editWindow())
                    + " after it was posted; this one was posted at " + shout.createdAt()
                    + " (a moderator can still edit it, or delete it and post it anew)");
        }
    }

    private static String words(Duration d) {
        return d.toSecondsPart() == 0 && !d.isZero() ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
    }
}

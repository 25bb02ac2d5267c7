package dev.crosspost.shoutbox;

import dev.crosspost.member.Member;
import dev.crosspost.message.MessageChanges;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.refusal.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a shout: by its author, an admin or a moderator of its team ({@link Moderation}). The removal is
 * recorded, and every open page of the shoutbox drops the shout at once (event {@code shout-deleted}).
 * <p>
 * A shout posted here is a message: its removal follows it ({@link MessageChanges#removed}, in the same transaction),
 * so the line the bot said in the chat room is retracted and its relayed copies in other shoutboxes go too. A shout
 * relayed here from elsewhere is a copy: deleting it removes only this copy (the original is its author's, where it
 * was said).
 */
@Service
class ShoutRemoval {

    private final ShoutboxService shoutboxes;
    private final ShoutStore store;
    private final Moderation moderation;
    private final MessageChanges changes;
    private final ApplicationEventPublisher events;

    ShoutRemoval(ShoutboxService shoutboxes, ShoutStore store, Moderation moderation, MessageChanges changes,
                 ApplicationEventPublisher events) {
        this.shoutboxes = shoutboxes;
        this.store = store;
        this.moderation = moderation;
        this.changes = changes;
        this.events = events;
    }

    @Transactional
    void remove(String box, String id, Member member) {
        shoutboxes.checkAccess(box, member);
        Shout shout = store.find(id).filter(s -> s.shoutbox().equals(box))
                .orElseThrow(() -> new NotFound("no shout '" + id + "' in '" + box + "'"));
        moderation.remove(member, new Moderation.Item("shout", id, ShoutboxService.KIND + ":" + box, shout.author(), box),
                () -> store.delete(id));
        if (shout.postedHere()) {
            changes.removed(shout.messageId() == null ? id : shout.messageId());
        }
        events.publishEvent(new ShoutDeleted(box, id));
    }

    /** Published when a shout was deleted; the live stream tells the pages once the transaction commits. */
    record ShoutDeleted(String shoutbox, String id) {
    }
}

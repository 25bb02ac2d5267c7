package dev.crosspost.shoutbox;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code shoutbox:<team>}: appends a shout that names where it came from. It does not enter the
 * Inbox again, so a relayed shout never starts a queue and cannot loop.
 * <p>
 * A relayed shout is a local copy of its message and follows it: {@link #copiesOf} finds the copies, {@link #correct}
 * changes a copy's text (marked edited, live on every open page), {@link #retract} deletes it (live too). Taking a
 * copy back is the original's removal, recorded where the original was removed, so no removal is recorded here.
 * A copy that is gone meanwhile (deleted by a moderator, expired) has nothing left to change. A copy is found by its
 * id alone (ids are unique across shoutboxes), whichever shoutbox {@code target} names. {@link #correct} takes the
 * correction's text as the copy's whole new text, as {@link OutboundPort#correct} says: the caller keeps a template's
 * frame (such as {@code Alice said: }) around the new text.
 */
@Component
class ShoutboxOutbound implements OutboundPort {

    private final ShoutboxService shoutboxes;
    private final ShoutStore store;
    private final ApplicationEventPublisher events;

    ShoutboxOutbound(ShoutboxService shoutboxes, ShoutStore store, ApplicationEventPublisher events) {
        this.shoutboxes = shoutboxes;
        this.store = store;
        this.events = events;
    }

    @Override
    public String kind() {
        return ShoutboxService.KIND;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
        if (!shoutboxes.exists(target.name())) {
            throw new IllegalArgumentException("no shoutbox '" + target.name() + "' (no team of that name)");
        }
        String author = message.sender() == null ? "crosspost" : message.sender();
        String authorName = message.senderName() == null ? author : message.senderName();
        shoutboxes.keep(Shout.relayed(message.id(), target.name(), author, authorName, message.text(), Instant.now(),
                message.originChannel() == null ? "crosspost" : message.originChannel().toString(),
                message.messageId()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<Copy> copiesOf(String messageId) {
        return store.copiesOf(messageId);
    }

    @Override
    public boolean changesDelivered() {
        return true;
    }

    @Override
    public CompletableFuture<Void> correct(ChannelAddress target, OutgoingMessage correction, String replacedId) {
        store.find(replacedId).ifPresent(copy -> {
            String by = correction.sender() == null ? copy.author() : correction.sender();
            if (!copy.text().equals(correction.text()) && store.edit(replacedId, correction.text(), by, Instant.now())) {
                events.publishEvent(new ShoutboxService.ShoutEdited(copy.shoutbox(), replacedId));
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> retract(ChannelAddress target, OutgoingMessage retraction, String retractedId) {
        store.find(retractedId).ifPresent(copy -> {
            if (store.delete(retractedId)) {
                events.publishEvent(new ShoutRemoval.ShoutDeleted(copy.shoutbox(), retractedId));
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}

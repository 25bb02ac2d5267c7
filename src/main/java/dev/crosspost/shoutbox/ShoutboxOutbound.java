package dev.crosspost.shoutbox;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * Sends to {@code shoutbox:<team>}: appends a shout that names where it came from. It does not enter the
 * Inbox again, so a relayed shout never starts a queue and cannot loop.
 */
@Component
class ShoutboxOutbound implements OutboundPort {

    private final ShoutboxService shoutboxes;

    ShoutboxOutbound(ShoutboxService shoutboxes) {
        this.shoutboxes = shoutboxes;
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
        shoutboxes.keep(new Shout(message.id(), target.name(), author, authorName, message.text(), Instant.now(),
                message.originChannel() == null ? "crosspost" : message.originChannel().toString()));
        return CompletableFuture.completedFuture(null);
    }
}

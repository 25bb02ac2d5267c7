package dev.crosspost.shoutbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.Acceptance;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Inbox;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.refusal.Conflict;
import dev.crosspost.refusal.Invalid;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Reading and posting shouts: every team (directory group) has one shoutbox named after it. */
@Service
class ShoutboxService {

    /** The channel kind of a team's shoutbox: {@code shoutbox:<team>}. */
    static final String KIND = "shoutbox";

    private final Inbox inbox;
    private final ShoutStore store;
    private final Directory directory;
    private final ShoutboxRule rule;
    private final ShoutboxProperties properties;
    private final ApplicationEventPublisher events;

    ShoutboxService(Inbox inbox, ShoutStore store, Directory directory, ShoutboxRule rule,
                    ShoutboxProperties properties, ApplicationEventPublisher events) {
        this.inbox = inbox;
        this.store = store;
        this.directory = directory;
        this.rule = rule;
        this.properties = properties;
        this.events = events;
    }

    /** The result of a post: the shout, and whether this request created it. */
    record Posted(Shout shout, boolean created) {
    }

    Posted post(String box, Member author, String rawText, String idempotencyKey) {
        checkAccess(box, author);
        String text = ShoutText.clean(rawText, properties.maxLength());
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new Invalid("Idempotency-Key must be 1 to 200 characters");
        }
        String id = UUID.randomUUID().toString();
        // The key is the author's: two people choosing the same key never see each other's shout.
        String externalId = idempotencyKey == null ? id : author.id() + "/" + idempotencyKey;
        var message = new IncomingMessage(id, ChannelAddress.of(KIND, box), externalId, author.id(), author.name(),
                text, Instant.now(), null, null);
        Shout fresh = Shout.posted(id, box, author.id(), author.name(), text, message.receivedAt(),
                properties.editWindow());
        Acceptance acceptance = inbox.accept(message, m -> keep(fresh));
        if (!acceptance.duplicate()) {
            return new Posted(fresh, true);
        }
        Shout shout = store.find(acceptance.messageId())
                .orElseThrow(() -> new Conflict("Idempotency-Key was already used for another message"));
        if (!shout.shoutbox().equals(box)) {
            throw new Conflict("Idempotency-Key was already used in another shoutbox");
        }
        return new Posted(shout, false);
    }

    List<Shout> newest(String box, Member reader, Integer limit) {
        checkAccess(box, reader);
        int n = limit == null ? properties.defaultLimit() : limit;
        if (n < 1 || n > properties.maxLimit()) {
            throw new Invalid("limit must be between 1 and " + properties.maxLimit());
        }
        return store.newest(box, n);
    }

    /** Appends a shout that Crosspost relays from elsewhere; a repeated id is ignored. */
    void keep(Shout shout) {
        if (store.insertIfAbsent(shout)) {
            events.publishEvent(new ShoutAdded(shout));
        }
    }

    /** Throws the refusal of {@link ShoutboxRule} unless the member may read and post in the box. */
    void checkAccess(String box, Member member) {
        rule.refusal(member, box).ifPresent(refusal -> {
            throw refusal;
        });
    }

    boolean exists(String box) {
        return directory.teamExists(box);
    }

    /** Published when a shout was stored; the live stream sends it once the transaction commits. */
    record ShoutAdded(Shout shout) {
    }

    /** Published when a shout's text changed; the live stream sends it ({@code shout-edited}) after commit. */
    record ShoutEdited(String shoutbox, String id) {
    }
}

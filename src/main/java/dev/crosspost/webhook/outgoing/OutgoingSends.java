package dev.crosspost.webhook.outgoing;

import java.time.Instant;
import java.util.List;

import dev.crosspost.message.outbox.OutboxFigures;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/** The last sends to an outgoing hook, as the outbox's read model has them: for the admins' /hooks page. */
@Component
class OutgoingSends {

    private static final int SHOWN = 20;

    /** One send: when it was queued, its status, the message it carries, attempts, the last error, when it arrived. */
    @Schema(name = "OutgoingHookSend")
    record Send(Instant at, String status, String messageId, int attempts, @Nullable String lastError,
                @Nullable Instant sentAt) {
    }

    private final OutboxFigures outbox;

    OutgoingSends(OutboxFigures outbox) {
        this.outbox = outbox;
    }

    List<Send> last(String target) {
        return outbox.lastSendsTo(target, SHOWN).stream()
                .map(e -> new Send(e.createdAt(), e.status(), e.messageId(), e.attempts(), e.lastError(), e.sentAt()))
                .toList();
    }
}

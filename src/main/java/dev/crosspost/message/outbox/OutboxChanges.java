package dev.crosspost.message.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.MessageChanges;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Changes of a message follow its sends. The message's row takes the new text (so a second edit corrects the first).
 * Every line the outbox said for it (a SAY row that was not skipped) gets a CORRECT or RETRACT row on the same
 * target, so on the same lane, after it: never said before the line it changes, and kept through restarts and
 * takeovers like any send. Its id is derived from the line's id and the change's number; its text is the line as it
 * reads now (the last correction's, else the line's) with the message's old text replaced by the new one, so the
 * template's prefix ({@code [team] Name: }) stays. A line taken back is changed no more. A channel that cannot change
 * what it delivered (mail, SMS, webhooks) gets a SKIPPED row saying so. Local copies (shouts a queue wrote into a
 * shoutbox) are changed at once, in the caller's transaction ({@link OutboundPort#copiesOf}).
 * <p>
 * The outbox keeps sent rows for {@code crosspost.outbox.keep}: a line older than that is no longer known, and stays.
 */
@Service
class OutboxChanges implements MessageChanges {

    /** The body of a retraction, for clients that do not understand one (XEP-0424's fallback). */
    static final String RETRACTED = "This message was removed (your chat client does not show removals: XEP-0424).";
    private static final Logger log = LoggerFactory.getLogger(OutboxChanges.class);

    private final ChangeStore store;
    private final Outbox outbox;
    private final List<OutboundPort> localPorts;

    OutboxChanges(ChangeStore store, Outbox outbox, List<OutboundPort> ports) {
        this.store = store;
        this.outbox = outbox;
        this.localPorts = ports.stream().filter(OutboundPort::local).toList();
    }

    @Override
    public void edited(String messageId, String newText) {
        Optional<ChangeStore.Before> before = store.change(messageId, newText);
        if (before.isEmpty() || before.get().text().equals(newText)) {
            log.info("message {} edited: {}", messageId, before.isEmpty() ? "no longer kept, nothing follows"
                    : "the text did not change");
            return;
        }
        int number = before.get().number();
        for (var line : current(messageId).values()) {
            String text = replaced(line.message().text(), before.get().text(), newText);
            outbox.change(line.target(), change(line, "correct-" + number, text), OutboxRow.Action.CORRECT,
                    line.replaces() == null ? line.message().id() : line.replaces());
        }
        changeCopies(messageId, "correct-" + number, copy -> replaced(copy, before.get().text(), newText), false);
    }

    @Override
    public void removed(String messageId) {
        Optional<ChangeStore.Before> before = store.change(messageId, null);
        if (before.isEmpty()) {
            log.info("message {} removed: no longer kept, nothing follows", messageId);
            return;
        }
        int number = before.get().number();
        for (var line : current(messageId).values()) {
            outbox.change(line.target(), change(line, "retract-" + number, RETRACTED), OutboxRow.Action.RETRACT,
                    line.replaces() == null ? line.message().id() : line.replaces());
        }
        changeCopies(messageId, "retract-" + number, copy -> RETRACTED, true);
    }

    /**
     * Per line said (the id of its SAY row): how it reads now, as its newest row (the SAY row, or its last CORRECT
     * row); lines taken back or never said (skipped) are left out.
     */
    private Map<String, ChangeStore.Line> current(String messageId) {
        Map<String, ChangeStore.Line> lines = new LinkedHashMap<>();
        for (var line : store.lines(messageId)) {
            switch (line.action()) {
                case SAY -> {
                    if (!OutboxStore.SKIPPED.equals(line.status())) {
                        lines.put(line.message().id(), line);
                    }
                }
                case CORRECT -> lines.computeIfPresent(line.replaces(),
                        (id, old) -> OutboxStore.SKIPPED.equals(line.status()) ? old : line);
                case RETRACT -> lines.remove(line.replaces());
            }
        }
        return lines;
    }

    private static OutgoingMessage change(ChangeStore.Line line, String step, String text) {
        OutgoingMessage m = line.message();
        String said = line.replaces() == null ? m.id() : line.replaces();
        return new OutgoingMessage(OutgoingMessage.idFor(said, step), m.messageId(), m.originChannel(), m.sender(),
                m.senderName(), text);
    }

    /** The line with the message's old text replaced by the new one (its last occurrence: after the prefix). */
    static String replaced(String line, String oldText, String newText) {
        int at = line.lastIndexOf(oldText);
        return at < 0 ? newText : line.substring(0, at) + newText + line.substring(at + oldText.length());
    }

    /** Changes the local copies; {@code text} gives a copy's new text from how it reads now (its frame kept). */
    private void changeCopies(String messageId, String step, UnaryOperator<String> text, boolean retract) {
        for (OutboundPort port : localPorts) {
            for (OutboundPort.Copy found : port.copiesOf(messageId)) {
                String copy = found.id();
                if (copy.equals(messageId)) {
                    continue; // the message itself: the feature where it changed changed it
                }
                var target = ChannelAddress.of(port.kind(), copy);
                var change = new OutgoingMessage(OutgoingMessage.idFor(copy, step), messageId, null, null, null,
                        text.apply(found.text()));
                (retract ? port.retract(target, change, copy) : port.correct(target, change, copy)).join();
                log.info("out {} copy {} of message {} {}", port.kind(), copy, messageId,
                        retract ? "removed" : "corrected");
            }
        }
    }
}

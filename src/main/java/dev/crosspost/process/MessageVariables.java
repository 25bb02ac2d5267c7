package dev.crosspost.process;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.Redirect;
import dev.crosspost.message.SenderName;
import dev.crosspost.subscription.Notice;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The message a process carries, as process variables: {@code messageId}, {@code channel}, {@code sender},
 * {@code senderName}, {@code text}, {@code origin}, {@code receivedAt}, plus the channel's own attributes.
 * The one mapping between messages and variables, both ways.
 */
final class MessageVariables {

    static final String MESSAGE_ID = "messageId";
    static final String CHANNEL = "channel";
    static final String SENDER = "sender";
    static final String SENDER_NAME = "senderName";
    static final String TEXT = "text";
    static final String ORIGIN = "origin";
    static final String RECEIVED_AT = "receivedAt";

    private MessageVariables() {
    }

    /** The variables a queue starts with. */
    static Map<String, Object> of(IncomingMessage m) {
        Map<String, Object> vars = new HashMap<>(m.attributes());
        vars.putAll(message(m.id(), m.channel().toString(), m.sender(), m.senderName(), m.text(), m.receivedAt()));
        vars.put(ORIGIN, m.origin());
        return vars;
    }

    /**
     * The variables of a message Crosspost makes itself in a process a timer started: sender and origin
     * {@code crosspost}, no text yet (a task such as {@code fortune} writes it).
     */
    static Map<String, Object> ofTimer(String messageId, ChannelAddress channel, Instant at) {
        Map<String, Object> vars = message(messageId, channel.toString(), TimerMessage.CROSSPOST, "Crosspost", null,
                at);
        vars.put(ORIGIN, TimerMessage.CROSSPOST);
        return vars;
    }

    /** The carried message, as subscribers hear of it. */
    static Notice notice(VariableScope scope) {
        Object received = scope.getVariable(RECEIVED_AT);
        return new Notice(string(scope, MESSAGE_ID), string(scope, CHANNEL), (String) scope.getVariable(SENDER),
                (String) scope.getVariable(SENDER_NAME), string(scope, TEXT),
                received == null ? null : Instant.parse(received.toString()));
    }

    /** The carried message, as the {@code redirect} task sends it on. */
    static Redirect redirect(VariableScope scope) {
        return new Redirect(string(scope, MESSAGE_ID), ChannelAddress.parse(string(scope, CHANNEL)),
                (String) scope.getVariable(SENDER), (String) scope.getVariable(SENDER_NAME));
    }

    /** What a modeler's text template sees: every variable, with {@code {sender}} the sender's name. */
    static Map<String, Object> templateValues(VariableScope scope) {
        Map<String, Object> values = new HashMap<>(scope.getVariables());
        values.put(SENDER, SenderName.of((String) scope.getVariable(SENDER), (String) scope.getVariable(SENDER_NAME)));
        return values;
    }

    private static Map<String, Object> message(String id, String channel, String sender, String senderName,
                                               String text, Instant receivedAt) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(MESSAGE_ID, id);
        vars.put(CHANNEL, channel);
        vars.put(SENDER, sender);
        vars.put(SENDER_NAME, SenderName.of(sender, senderName));
        if (text != null) {
            vars.put(TEXT, text);
        }
        vars.put(RECEIVED_AT, receivedAt.toString());
        return vars;
    }

    private static String string(VariableScope scope, String name) {
        return String.valueOf(scope.getVariable(name));
    }
}

package dev.crosspost.process;

import java.util.ArrayList;
import java.util.List;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;

/** A fake outbound port for process tests: remembers what it was asked to send. */
public class RecordingPort implements OutboundPort {

    /** One send. */
    public record Sent(ChannelAddress target, OutgoingMessage message) {
    }

    private final String kind;
    private final List<Sent> sent = new ArrayList<>();

    public RecordingPort(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void send(ChannelAddress target, OutgoingMessage message) {
        sent.add(new Sent(target, message));
    }

    public List<Sent> sent() {
        return sent;
    }
}

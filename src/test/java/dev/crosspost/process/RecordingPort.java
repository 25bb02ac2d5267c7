package dev.crosspost.process;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutboundPort;
import dev.crosspost.message.OutgoingMessage;

/** A fake outbound port for process tests: remembers what it was asked to send. */
public class RecordingPort implements OutboundPort {

    /** One send. */
    public record Sent(ChannelAddress target, OutgoingMessage message) {
    }

    private final String kind;
    private final boolean local;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** A port whose sends leave Crosspost: they go through the outbox, after the transaction. */
    public RecordingPort(String kind) {
        this(kind, false);
    }

    private RecordingPort(String kind, boolean local) {
        this.kind = kind;
        this.local = local;
    }

    /** A port whose effect is local (like the shoutbox): it runs in the caller's transaction. */
    public static RecordingPort local(String kind) {
        return new RecordingPort(kind, true);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public boolean local() {
        return local;
    }

    @Override
    public CompletableFuture<Void> send(ChannelAddress target, OutgoingMessage message) {
        sent.add(new Sent(target, message));
        return CompletableFuture.completedFuture(null);
    }

    public List<Sent> sent() {
        return sent;
    }
}

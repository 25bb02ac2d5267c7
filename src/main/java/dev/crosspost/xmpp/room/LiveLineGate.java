package dev.crosspost.xmpp.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jxmpp.jid.EntityBareJid;

/**
 * Keeps a room's live lines back while its catch-up runs ({@link RoomCatchUp}), and passes them on after it, in the
 * order heard: lines said while the bot was away come before lines said once it was back (the soak's PostgreSQL
 * restart put 24 of them after later ones). Other rooms' lines pass at once.
 */
final class LiveLineGate {

    private final Map<EntityBareJid, List<Runnable>> held = new HashMap<>();

    /** From now on the room's live lines wait, until {@link #open}. */
    synchronized void close(EntityBareJid room) {
        held.putIfAbsent(room, new ArrayList<>());
    }

    /** Passes a live line on now, or once the room's gate opens. */
    synchronized void pass(EntityBareJid room, Runnable line) {
        List<Runnable> waiting = held.get(room);
        if (waiting != null) {
            waiting.add(line);
        } else {
            line.run();
        }
    }

    /** Passes on the lines that waited, in order, and lets the next ones through. */
    synchronized void open(EntityBareJid room) {
        List<Runnable> waiting = held.remove(room);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }
}

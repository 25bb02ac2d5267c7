package dev.crosspost.cluster;

import java.util.ArrayList;
import java.util.List;

/** The bot's chat sessions as the nodes' chat proxies see them open and close, in the order they did. */
final class BotSessions {

    private final List<String> events = new ArrayList<>();
    private int open;
    private int opened;
    private int mostAtOnce;

    synchronized void changed(String node, boolean opening) {
        open += opening ? 1 : -1;
        opened += opening ? 1 : 0;
        mostAtOnce = Math.max(mostAtOnce, open);
        events.add(node + (opening ? " opened" : " closed"));
    }

    /** The most sessions that were open at the same time. */
    synchronized int mostAtOnce() {
        return mostAtOnce;
    }

    synchronized int opened() {
        return opened;
    }

    @Override
    public synchronized String toString() {
        return events.toString();
    }
}

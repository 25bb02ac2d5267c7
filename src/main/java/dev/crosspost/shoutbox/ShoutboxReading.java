package dev.crosspost.shoutbox;

import java.util.List;

import org.springframework.stereotype.Component;

/** The read-only view of the shoutboxes that other adapters get through {@link ShoutboxReader}. */
@Component
class ShoutboxReading implements ShoutboxReader {

    private final ShoutStore store;

    ShoutboxReading(ShoutStore store) {
        this.store = store;
    }

    @Override
    public List<ShoutLine> newest(String team, int limit) {
        return store.newest(team, limit).stream()
                .map(s -> new ShoutLine(s.authorName() == null ? s.author() : s.authorName(), s.text(), s.createdAt()))
                .toList();
    }
}

package dev.crosspost.xmpp;

import java.util.Map;

import dev.crosspost.util.Contract;

/** What is wrong with the bot's rooms, for the channel overview: channel address → a sentence for an admin. */
@Contract
public interface RoomWarnings {

    Map<String, String> warnings();
}

package dev.crosspost.xmpp;

/** The kinds of channel the XMPP adapter serves ({@code kind:name}, see {@code ChannelAddress}). */
public final class XmppChannels {

    /** {@code xmpp-room:<room JID>}: lines said in a room by others than the bot (in); the bot says a line (out). */
    public static final String ROOM = "xmpp-room";

    /** {@code xmpp-direct:<bot's user name>}: direct messages to the bot from members (in). */
    public static final String DIRECT = "xmpp-direct";

    /** {@code xmpp:<JID>}: a direct message from the bot to that address (out). */
    public static final String ADDRESS = "xmpp";

    private XmppChannels() {
    }
}

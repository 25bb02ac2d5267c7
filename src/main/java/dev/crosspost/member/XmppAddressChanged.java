package dev.crosspost.member;

/**
 * A member set a new XMPP address in their profile (published as a Spring application event on every node of a
 * cluster, see {@link AddressChanges}). Whoever keeps something per address (the XMPP notifications, which need the
 * bot to see the member's presence) reacts.
 *
 * @param memberId the member
 * @param xmpp     the new bare JID
 */
public record XmppAddressChanged(String memberId, String xmpp) {
}

package dev.crosspost.subscription;

import java.util.Optional;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.xmpp.presence.Presence;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where a member is reached by a method: their e-mail, phone or XMPP address from the directory. An
 * {@code xmpp} notification to a member who is offline follows the member's setting {@value #XMPP_OFFLINE}
 * (Camunda user info): {@code send} (default; the XMPP server keeps it for them) or {@code mail} (sent as
 * an e-mail instead, when they have an address). Presence comes from the XMPP adapter; without one it is
 * unknown and the message is sent by XMPP.
 */
@Component
class Targets {

    static final String XMPP_OFFLINE = "xmppOffline";
    /** The values of {@value #XMPP_OFFLINE}: send by XMPP anyway (the default), or send an e-mail instead. */
    static final String OFFLINE_SEND = "send";
    static final String OFFLINE_MAIL = "mail";

    private final Directory directory;
    private final ObjectProvider<Presence> presence;

    Targets(Directory directory, ObjectProvider<Presence> presence) {
        this.directory = directory;
        this.presence = presence;
    }

    /** The address to send to, or empty when the member has none for this method. */
    Optional<ChannelAddress> of(Member member, Subscription.Method method) {
        return switch (method) {
            case MAIL -> address(Subscription.Method.MAIL, member.email());
            case SMS -> address(Subscription.Method.SMS, member.phone());
            case XMPP -> {
                if (member.xmpp() != null && offline(member.xmpp())
                        && OFFLINE_MAIL.equals(directory.setting(member.id(), XMPP_OFFLINE)) && member.email() != null) {
                    yield address(Subscription.Method.MAIL, member.email());
                }
                yield address(Subscription.Method.XMPP, member.xmpp());
            }
        };
    }

    private boolean offline(String jid) {
        Presence p = presence.getIfAvailable();
        return p != null && p.of(jid) == Presence.State.OFFLINE;
    }

    private static Optional<ChannelAddress> address(Subscription.Method method, String name) {
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(ChannelAddress.of(method.kind(), name));
    }
}

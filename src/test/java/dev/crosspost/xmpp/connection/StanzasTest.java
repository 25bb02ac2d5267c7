package dev.crosspost.xmpp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;

class StanzasTest {

    @Test
    void readsTheOriginIdAndTheStanzaIdOfTheRightIssuer() {
        Message m = StanzaBuilder.buildMessage("m1").setBody("hi")
                .addExtension(new OriginIdElement("origin-1"))
                .addExtension(new StanzaIdElement("by-server", "alice@localhost"))
                .addExtension(new StanzaIdElement("by-room", "team@conference.localhost"))
                .build();

        assertThat(Stanzas.originId(m)).isEqualTo("origin-1");
        assertThat(Stanzas.stanzaIdBy(m, "team@conference.localhost")).isEqualTo("by-room");
        assertThat(Stanzas.stanzaIdBy(m, "other@conference.localhost")).isNull();
        assertThat(Stanzas.delayed(m)).isFalse();
    }

    @Test
    void recognisesDelayedMessages() {
        Message history = StanzaBuilder.buildMessage("m2").setBody("old")
                .addExtension(new DelayInformation(new Date(0))).build();

        assertThat(Stanzas.delayed(history)).isTrue();
        assertThat(Stanzas.originId(history)).isNull();
    }
}

package dev.crosspost.xmpp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

/** Corrections and retractions as they go on the wire and as clients send them, read back through Smack's parser. */
class LineChangeTest {

    static {
        SmackConfiguration.getVersion(); // loads Smack's providers, as a connection does
    }

    private static Message parsed(String xml) throws Exception {
        return PacketParserUtils.parseStanza(xml);
    }

    private static Message written(LineChange change) throws Exception {
        var m = StanzaBuilder.buildMessage("new-id").to("team@conference.localhost").ofType(Message.Type.groupchat)
                .setBody("the text");
        change.applyTo(m);
        return parsed(m.build().toXML().toString());
    }

    @Test
    void theBotsCorrectionNamesTheLineAndIsNoRetraction() throws Exception {
        Message m = written(LineChange.correcting("line-1"));
        assertThat(m.toXML().toString()).contains("<replace xmlns='urn:xmpp:message-correct:0' id='line-1'/>");
        assertThat(LineChange.correctedId(m)).isEqualTo("line-1");
        assertThat(LineChange.retractedId(m)).isNull();
    }

    @Test
    void theBotsRetractionIsFastenedToTheLinesOriginIdWithAFallback() throws Exception {
        Message m = written(LineChange.retracting("line-1"));
        String xml = m.toXML().toString();
        assertThat(xml).contains("<apply-to xmlns='urn:xmpp:fasten:0' id='line-1'>",
                "<retract xmlns='urn:xmpp:message-retract:0'/>", "urn:xmpp:fallback:0");
        assertThat(LineChange.retractedId(m)).isEqualTo("line-1");
        assertThat(LineChange.correctedId(m)).isNull();
    }

    @Test
    void theNewerRetractionFormIsReadToo() throws Exception {
        Message m = parsed("<message xmlns='jabber:client' type='groupchat' id='r1' from='team@conference.localhost/bob'>"
                + "<retract xmlns='urn:xmpp:message-retract:1' id='line-2'/><body>fallback</body></message>");
        assertThat(LineChange.retractedId(m)).isEqualTo("line-2");
    }

    @Test
    void aPlainLineChangesNothing() throws Exception {
        Message m = parsed("<message xmlns='jabber:client' type='chat' id='x'><body>hi</body></message>");
        assertThat(LineChange.retractedId(m)).isNull();
        assertThat(LineChange.correctedId(m)).isNull();
    }
}
